package org.cql4j.mapper.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.Model.Kind;
import org.cql4j.mapper.processor.Model.TypeModel;

/**
 * Finds the CQL mapping of a component's Java type (api.md's type table), or reports why there is
 * none; confined to the processor's thread, as the {@link Problems} it reports to.
 */
final class TypeResolver {
  private static final String PROTOCOL_VALUE = "org.cql4j.protocol.value";

  /** Java types with a built-in codec, by canonical name (api.md's type table). */
  static final Set<String> BUILTINS =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.String",
          "java.util.UUID",
          "java.net.InetAddress",
          "java.time.LocalDate",
          "java.time.LocalTime",
          "java.time.Instant",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.nio.ByteBuffer",
          PROTOCOL_VALUE + ".Counter",
          PROTOCOL_VALUE + ".CqlTimeuuid",
          PROTOCOL_VALUE + ".CqlDate",
          PROTOCOL_VALUE + ".CqlTime",
          PROTOCOL_VALUE + ".CqlTimestamp",
          PROTOCOL_VALUE + ".CqlDuration",
          PROTOCOL_VALUE + ".CqlVarint",
          PROTOCOL_VALUE + ".CqlDecimal",
          PROTOCOL_VALUE + ".TupleValue",
          PROTOCOL_VALUE + ".UdtValue");

  private final Elements elements;
  private final Problems problems;

  TypeResolver(Elements elements, Problems problems) {
    this.elements = elements;
    this.problems = problems;
  }

  /**
   * The mapping of a component's own type, or null if it has none (then reported, or unresolved).
   *
   * @param c the component, where problems are reported
   * @param where {@code component 'x' of User}, for messages
   * @param ownerKind what the component's record maps to
   */
  TypeModel resolve(Element c, String where, TypeMirror mirror, Kind ownerKind) {
    return type(c, where, mirror, true, ownerKind);
  }

  private TypeModel type(
      Element c, String where, TypeMirror mirror, boolean topLevel, Kind ownerKind) {
    if (mirror.getKind().isPrimitive()) {
      if (mirror.getKind() == TypeKind.CHAR) {
        return unsupported(c, where, mirror, "CQL has no character type; use String");
      }
      return new Model.Builtin(TypeName.get(mirror).box());
    }
    if (mirror.getKind() == TypeKind.ARRAY) {
      TypeKind element = ((ArrayType) mirror).getComponentType().getKind();
      if (element == TypeKind.BYTE || element == TypeKind.FLOAT) {
        return new Model.Builtin(
            ArrayTypeName.of(element == TypeKind.BYTE ? TypeName.BYTE : TypeName.FLOAT));
      }
      return unsupported(
          c,
          where,
          mirror,
          "arrays map only as byte[] (blob) and float[] (vector<float, n>); use a List");
    }
    if (mirror.getKind() == TypeKind.ERROR) {
      problems.unresolved();
      return null;
    }
    if (mirror.getKind() != TypeKind.DECLARED) {
      return unsupported(c, where, mirror, "it is not a class type");
    }
    DeclaredType declared = (DeclaredType) mirror;
    TypeElement element = (TypeElement) declared.asElement();
    String qualified = element.getQualifiedName().toString();
    if (BUILTINS.contains(qualified)) {
      return new Model.Builtin(ClassName.get(element));
    }
    return switch (qualified) {
      case "java.util.List", "java.util.Set", "java.util.Map", "java.util.Optional" ->
          generic(c, where, declared, qualified, topLevel, ownerKind);
      default ->
          element.getKind() == ElementKind.ENUM
              ? enumType(c, where, element)
              : record(c, where, mirror, element, topLevel, ownerKind);
    };
  }

  /** {@code List<E>}, {@code Set<E>}, {@code Map<K, V>} or {@code Optional<T>}. */
  private TypeModel generic(
      Element c,
      String where,
      DeclaredType declared,
      String qualified,
      boolean topLevel,
      Kind ownerKind) {
    List<? extends TypeMirror> args = declared.getTypeArguments();
    int arity = qualified.equals("java.util.Map") ? 2 : 1;
    if (args.size() != arity) {
      return unsupported(
          c, where, declared, "give its type arguments (a raw type has no CQL mapping)");
    }
    for (TypeMirror arg : args) {
      if (arg.getKind() == TypeKind.WILDCARD || arg.getKind() == TypeKind.TYPEVAR) {
        return unsupported(
            c, where, declared, "use concrete type arguments, not wildcards or type variables");
      }
    }
    if (qualified.equals("java.util.Optional")) {
      if (!topLevel) {
        return unsupported(
            c,
            where,
            declared,
            "Optional maps only as a component's own type, not inside a collection");
      }
      TypeModel inner = type(c, where, args.get(0), false, ownerKind);
      return inner == null ? null : new Model.OptionalOf(inner);
    }
    if (qualified.equals("java.util.Map")) {
      TypeModel key = type(c, where, args.get(0), false, ownerKind);
      TypeModel value = type(c, where, args.get(1), false, ownerKind);
      return key == null || value == null ? null : new Model.MapOf(key, value);
    }
    TypeModel e = type(c, where, args.get(0), false, ownerKind);
    if (e == null) {
      return null;
    }
    return qualified.equals("java.util.List") ? new Model.ListOf(e) : new Model.SetOf(e);
  }

  /**
   * A {@code @UserType}, {@code @CqlTuple} or {@code @Transparent} record, or why another type does
   * not map.
   */
  private TypeModel record(
      Element c,
      String where,
      TypeMirror mirror,
      TypeElement element,
      boolean topLevel,
      Kind ownerKind) {
    if (element.getKind() != ElementKind.RECORD) {
      return unsupported(c, where, mirror, "see the type table in docs/mapping.md");
    }
    if (element.getAnnotation(UserType.class) != null) {
      return struct(c, where, element, Kind.UDT);
    }
    if (element.getAnnotation(CqlTuple.class) != null) {
      return struct(c, where, element, Kind.TUPLE);
    }
    if (element.getAnnotation(Transparent.class) != null) {
      return struct(c, where, element, Kind.TRANSPARENT);
    }
    if (element.getAnnotation(Row.class) != null) {
      return unsupported(
          c,
          where,
          mirror,
          ownerKind == Kind.ROW && topLevel
              ? "it is a @Row record; annotate the component @Flatten to inline its columns"
              : "a @Row record maps to columns, not to a value; use a @UserType or @CqlTuple record");
    }
    return unsupported(
        c,
        where,
        mirror,
        "annotate the record @UserType (user type), @CqlTuple (tuple) or, with one component,"
            + " @Transparent (mapped as that component)");
  }

  /**
   * An enum: {@code text} or {@code ascii}, each constant as its name or its {@code @CqlName}; the
   * runtime's enum codec reads the same names. Problems of the enum's names are reported on the
   * component, since the enum may come from a library.
   */
  private TypeModel enumType(Element c, String where, TypeElement element) {
    if (!accessible(c, where, element)) {
      return null;
    }
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (Element e : element.getEnclosedElements()) {
      if (e.getKind() != ElementKind.ENUM_CONSTANT) {
        continue;
      }
      String constant = e.getSimpleName().toString();
      CqlName cqlName = e.getAnnotation(CqlName.class);
      String name = cqlName == null ? constant : cqlName.value();
      if (name.isEmpty()) {
        problems.error(
            c,
            ErrorId.InvalidName,
            where
                + " has type "
                + element.getSimpleName()
                + ", whose constant "
                + constant
                + " has an empty @CqlName; give the text it is stored as");
        ok = false;
        continue;
      }
      String previous = seen.putIfAbsent(name, constant);
      if (previous != null) {
        problems.error(
            c,
            ErrorId.DuplicateEnumName,
            where
                + " has type "
                + element.getSimpleName()
                + ", whose constants "
                + previous
                + " and "
                + constant
                + " are both stored as '"
                + name
                + "'; give one of them another @CqlName");
        ok = false;
      }
    }
    return ok ? new Model.Builtin(ClassName.get(element)) : null;
  }

  private TypeModel struct(Element c, String where, TypeElement element, Kind kind) {
    if (!accessible(c, where, element)) {
      return null;
    }
    if (!element.getTypeParameters().isEmpty()) {
      return null; // reported as GenericRecord on the element itself
    }
    return new Model.Struct(ClassName.get(element), ModelBuilder.codecName(element, kind));
  }

  /** Whether the generated codec, in the component's package, can name {@code element}. */
  private boolean accessible(Element c, String where, TypeElement element) {
    Element owner = c.getEnclosingElement();
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      boolean samePackage = elements.getPackageOf(e).getQualifiedName().contentEquals(pkg);
      if (e.getModifiers().contains(Modifier.PRIVATE)
          || (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC))) {
        problems.error(
            c,
            ErrorId.NotAccessible,
            where
                + " has type "
                + element.getSimpleName()
                + ", which the generated codec in package '"
                + pkg
                + "' cannot see; make it (and the types enclosing it) accessible");
        return false;
      }
    }
    return true;
  }

  private TypeModel unsupported(Element c, String where, TypeMirror mirror, String hint) {
    problems.error(
        c,
        ErrorId.UnsupportedType,
        where
            + " has type "
            + Problems.simpleTypeName(mirror)
            + ", which has no CQL mapping; "
            + hint);
    return null;
  }
}
