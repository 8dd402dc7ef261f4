package org.cql4j.mapper.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import org.cql4j.mapper.processor.Model.TypeModel;

/**
 * The cql-protocol types that generated code uses (public SPI only), and the composition of codec
 * expressions for a {@link TypeModel}. Stateless and thread-safe.
 */
final class Names {
  private Names() {}

  private static final String PROTOCOL = "org.cql4j.protocol";

  static final ClassName CODECS = ClassName.get(PROTOCOL + ".value", "Codecs");

  /** The checks and messages that all generated codecs share. */
  static final ClassName SUPPORT = ClassName.get(PROTOCOL + ".value", "GeneratedCodecSupport");

  /** The reads of uuid, timestamp and text cells without the shared decoder call. */
  static final ClassName CELL_READERS = ClassName.get(PROTOCOL + ".value", "GeneratedCellReaders");

  /** The writes of primitive components that do not box them. */
  static final ClassName PRIMITIVE_WRITERS =
      ClassName.get(PROTOCOL + ".value", "GeneratedPrimitiveWriters");

  static final ClassName COLUMN_SPEC = ClassName.get(PROTOCOL + ".types", "ColumnSpec");
  static final ClassName COLUMN_TYPE = ClassName.get(PROTOCOL + ".types", "ColumnType");
  static final ClassName USER_TYPE = COLUMN_TYPE.nestedClass("UserType");
  static final ClassName TUPLE_TYPE = COLUMN_TYPE.nestedClass("TupleType");
  static final ClassName DESERIALIZE_ROW =
      ClassName.get(PROTOCOL + ".deserialize", "DeserializeRow");
  static final ClassName ROW_DECODER = DESERIALIZE_ROW.nestedClass("Decoder");
  static final ClassName DESERIALIZE_VALUE =
      ClassName.get(PROTOCOL + ".deserialize", "DeserializeValue");
  static final ClassName VALUE_DECODER = DESERIALIZE_VALUE.nestedClass("Decoder");
  static final ClassName TYPE_CHECK_EXCEPTION =
      ClassName.get(PROTOCOL + ".deserialize", "TypeCheckException");
  static final ClassName ROW_SERIALIZER = ClassName.get(PROTOCOL + ".serialize", "RowSerializer");
  static final ClassName ROW_WRITER_FN = ROW_SERIALIZER.nestedClass("Writer");
  static final ClassName SERIALIZE_VALUE = ClassName.get(PROTOCOL + ".serialize", "SerializeValue");
  static final ClassName VALUE_WRITER = SERIALIZE_VALUE.nestedClass("Writer");
  static final ClassName SERIALIZATION_EXCEPTION =
      ClassName.get(PROTOCOL + ".serialize", "SerializationException");
  static final ClassName BYTE_BUF = ClassName.get("io.netty.buffer", "ByteBuf");

  static final AnnotationSpec GENERATED =
      AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", CqlMapperProcessor.class.getName())
          .build();

  static TypeName of(ClassName raw, TypeName arg) {
    return ParameterizedTypeName.get(raw, arg);
  }

  /** {@code Codecs.deserializer(String.class)}, composed for collections and Optional. */
  static CodeBlock deserializer(TypeModel type) {
    if (type instanceof Model.Builtin b) {
      return CodeBlock.of("$T.deserializer($T.class)", CODECS, b.boxed());
    }
    if (type instanceof Model.ListOf l) {
      return CodeBlock.of("$T.listDeserializer($L)", CODECS, deserializer(l.element()));
    }
    if (type instanceof Model.SetOf s) {
      return CodeBlock.of("$T.setDeserializer($L)", CODECS, deserializer(s.element()));
    }
    if (type instanceof Model.MapOf m) {
      return CodeBlock.of(
          "$T.mapDeserializer($L, $L)", CODECS, deserializer(m.key()), deserializer(m.value()));
    }
    if (type instanceof Model.OptionalOf o) {
      return CodeBlock.of("$T.optionalDeserializer($L)", CODECS, deserializer(o.inner()));
    }
    if (type instanceof Model.Custom c) {
      return CodeBlock.of("$T.customCodec($T.class).$N()", SUPPORT, c.codec(), "deserializer");
    }
    Model.Struct s = (Model.Struct) type;
    return CodeBlock.of("$T.DESERIALIZER", s.codec());
  }

  /** {@code Codecs.serializer(String.class)}, composed for collections and Optional. */
  static CodeBlock serializer(TypeModel type) {
    if (type instanceof Model.Builtin b) {
      return CodeBlock.of("$T.serializer($T.class)", CODECS, b.boxed());
    }
    if (type instanceof Model.ListOf l) {
      return CodeBlock.of("$T.listSerializer($L)", CODECS, serializer(l.element()));
    }
    if (type instanceof Model.SetOf s) {
      return CodeBlock.of("$T.setSerializer($L)", CODECS, serializer(s.element()));
    }
    if (type instanceof Model.MapOf m) {
      return CodeBlock.of(
          "$T.mapSerializer($L, $L)", CODECS, serializer(m.key()), serializer(m.value()));
    }
    if (type instanceof Model.OptionalOf o) {
      return CodeBlock.of("$T.optionalSerializer($L)", CODECS, serializer(o.inner()));
    }
    if (type instanceof Model.Custom c) {
      return CodeBlock.of("$T.customCodec($T.class).$N()", SUPPORT, c.codec(), "serializer");
    }
    Model.Struct s = (Model.Struct) type;
    return CodeBlock.of("$T.SERIALIZER", s.codec());
  }

  /**
   * {@code writeLong}, {@code writeInt}, ...: the {@code GeneratedPrimitiveWriters} method that
   * writes a primitive without boxing it.
   */
  static String primitiveWrite(TypeName primitive) {
    String name = primitive.toString();
    return "write" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The Java default of a type: what skipped and absent components read as. */
  static CodeBlock javaDefault(TypeName javaType) {
    if (javaType.equals(TypeName.BOOLEAN)) {
      return CodeBlock.of("false");
    }
    if (javaType.equals(TypeName.LONG)) {
      return CodeBlock.of("0L");
    }
    if (javaType.equals(TypeName.FLOAT)) {
      return CodeBlock.of("0.0f");
    }
    if (javaType.equals(TypeName.DOUBLE)) {
      return CodeBlock.of("0.0");
    }
    if (javaType.equals(TypeName.BYTE)) {
      return CodeBlock.of("(byte) 0");
    }
    if (javaType.equals(TypeName.SHORT)) {
      return CodeBlock.of("(short) 0");
    }
    if (javaType.equals(TypeName.CHAR)) {
      return CodeBlock.of("'\\0'");
    }
    if (javaType.isPrimitive()) {
      return CodeBlock.of("0");
    }
    if (javaType instanceof ParameterizedTypeName p
        && p.rawType().equals(ClassName.get(java.util.Optional.class))) {
      return CodeBlock.of("$T.empty()", java.util.Optional.class);
    }
    return CodeBlock.of("null");
  }
}
