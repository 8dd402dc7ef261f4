package org.cql4j.mapper.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.TypeElement;
import org.cql4j.mapper.Flavor;

/** The validated, immutable description of annotated records that the generators work from. */
final class Model {
  private Model() {}

  /** What a record is mapped to; decides the generator and the codec class suffix. */
  enum Kind {
    ROW("_CqlRowCodec"),
    UDT("_CqlUdtCodec"),
    TUPLE("_CqlTupleCodec"),
    TRANSPARENT("_CqlTransparentCodec");

    final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * One annotated record.
   *
   * @param kind what it maps to
   * @param element the record's element (the originating element of the generated file)
   * @param record the record's class name
   * @param codec the generated codec's class name
   * @param flavor how components are matched
   * @param skipNameChecks whether ENFORCE_ORDER checks names
   * @param forbidExcessFields for user types: whether unmapped fields are an error
   * @param components all components in declaration order, skipped ones included
   */
  record RecordModel(
      Kind kind,
      TypeElement element,
      ClassName record,
      ClassName codec,
      Flavor flavor,
      boolean skipNameChecks,
      boolean forbidExcessFields,
      List<Component> components) {}

  /**
   * One record component.
   *
   * @param name the component (and accessor) name
   * @param cqlName the column, marker or field name
   * @param javaType the declared Java type (primitive for primitives)
   * @param type the CQL mapping of the type; null for skipped and flattened components
   * @param skip whether {@code @Skip}
   * @param defaultWhenNull whether {@code @DefaultWhenNull}
   * @param allowMissing whether {@code @AllowMissing}
   * @param flattened the flattened {@code @Row}, or null
   */
  record Component(
      String name,
      String cqlName,
      TypeName javaType,
      TypeModel type,
      boolean skip,
      boolean defaultWhenNull,
      boolean allowMissing,
      RecordModel flattened) {

    boolean isPrimitive() {
      return javaType.isPrimitive();
    }
  }

  /** The CQL mapping of a Java type; decides how its codecs are composed. */
  sealed interface TypeModel {
    /** The Java type, boxed. */
    TypeName boxed();
  }

  /** A type with a built-in codec: {@code Codecs.deserializer(X.class)}. */
  record Builtin(TypeName boxed) implements TypeModel {}

  /** {@code List<E>}. */
  record ListOf(TypeModel element) implements TypeModel {
    @Override
    public TypeName boxed() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          ClassName.get(List.class), element.boxed());
    }
  }

  /** {@code Set<E>}. */
  record SetOf(TypeModel element) implements TypeModel {
    @Override
    public TypeName boxed() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          ClassName.get(java.util.Set.class), element.boxed());
    }
  }

  /** {@code Map<K, V>}. */
  record MapOf(TypeModel key, TypeModel value) implements TypeModel {
    @Override
    public TypeName boxed() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          ClassName.get(java.util.Map.class), key.boxed(), value.boxed());
    }
  }

  /** {@code Optional<T>}, only as a component's own type. */
  record OptionalOf(TypeModel inner) implements TypeModel {
    @Override
    public TypeName boxed() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          ClassName.get(java.util.Optional.class), inner.boxed());
    }
  }

  /**
   * A component with a codec of the application's own ({@code @CqlCodec}): one shared instance.
   *
   * @param boxed the component's Java type, boxed
   * @param codec the codec class, implementing both value SPI interfaces for {@code boxed}
   */
  record Custom(TypeName boxed, ClassName codec) implements TypeModel {}

  /**
   * A {@code @UserType}, {@code @CqlTuple} or {@code @Transparent} record, coded by its generated
   * codec class.
   */
  record Struct(ClassName record, ClassName codec) implements TypeModel {
    @Override
    public TypeName boxed() {
      return record;
    }
  }
}
