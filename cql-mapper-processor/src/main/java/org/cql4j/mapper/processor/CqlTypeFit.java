package org.cql4j.mapper.processor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.CqlSchema.CqlType;

/**
 * Whether a Java type can be written to, and read from, a CQL type: the type table of
 * docs/data-types.md, followed through collections, {@code Optional}, {@code @Transparent} records,
 * enums, user types and tuples (whose fields the session checks by name when it binds). Stateless
 * apart from the type utilities; confined to the processor's thread.
 */
final class CqlTypeFit {
  private static final String VALUE = "org.cql4j.protocol.value.";

  /** The CQL types each Java type of the table maps to (boxed and primitive alike). */
  private static final Map<String, Set<String>> NATIVE =
      Map.ofEntries(
          Map.entry("java.lang.Boolean", Set.of("boolean")),
          Map.entry("java.lang.Byte", Set.of("tinyint")),
          Map.entry("java.lang.Short", Set.of("smallint")),
          Map.entry("java.lang.Integer", Set.of("int")),
          Map.entry("java.lang.Long", Set.of("bigint", "counter")),
          Map.entry("java.lang.Float", Set.of("float")),
          Map.entry("java.lang.Double", Set.of("double")),
          Map.entry("java.lang.String", Set.of("text", "varchar", "ascii")),
          Map.entry("java.util.UUID", Set.of("uuid", "timeuuid")),
          Map.entry("java.net.InetAddress", Set.of("inet")),
          Map.entry("java.time.LocalDate", Set.of("date")),
          Map.entry("java.time.LocalTime", Set.of("time")),
          Map.entry("java.time.Instant", Set.of("timestamp")),
          Map.entry("java.math.BigInteger", Set.of("varint")),
          Map.entry("java.math.BigDecimal", Set.of("decimal")),
          Map.entry("java.nio.ByteBuffer", Set.of("blob")),
          Map.entry(VALUE + "Counter", Set.of("counter")),
          Map.entry(VALUE + "CqlTimeuuid", Set.of("timeuuid")),
          Map.entry(VALUE + "CqlDate", Set.of("date")),
          Map.entry(VALUE + "CqlTime", Set.of("time")),
          Map.entry(VALUE + "CqlTimestamp", Set.of("timestamp")),
          Map.entry(VALUE + "CqlDuration", Set.of("duration")),
          Map.entry(VALUE + "CqlVarint", Set.of("varint")),
          Map.entry(VALUE + "CqlDecimal", Set.of("decimal")),
          Map.entry(VALUE + "TupleValue", Set.of("tuple")),
          Map.entry(VALUE + "UdtValue", Set.of("udt")));

  private final Types types;

  CqlTypeFit(Types types) {
    this.types = types;
  }

  /** Whether values of {@code java} fit {@code cql}, in both directions. */
  boolean fits(TypeMirror java, CqlType cql) {
    if (java.getKind().isPrimitive()) {
      return fits(types.boxedClass((javax.lang.model.type.PrimitiveType) java).asType(), cql);
    }
    if (java.getKind() == TypeKind.ARRAY) {
      TypeKind element = ((javax.lang.model.type.ArrayType) java).getComponentType().getKind();
      return element == TypeKind.BYTE && cql.name().equals("blob")
          || element == TypeKind.FLOAT
              && cql.name().equals("vector")
              && cql.arguments().get(0).name().equals("float");
    }
    if (java.getKind() != TypeKind.DECLARED) {
      return true; // reported elsewhere, or not ours to judge
    }
    DeclaredType declared = (DeclaredType) java;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = declared.getTypeArguments();
    Set<String> natives = NATIVE.get(name);
    if (natives != null) {
      return natives.contains(cql.name());
    }
    switch (name) {
      case "java.lang.Object":
        return true;
      case "java.util.Optional":
        return args.size() != 1 || fits(args.get(0), cql);
      case "java.util.List", "java.util.Collection":
        return args.size() != 1 || collection(args.get(0), cql, "list", "set", "vector");
      case "java.util.Set":
        return args.size() != 1 || collection(args.get(0), cql, "set", "list");
      case "java.util.Map":
        return args.size() != 2
            || cql.name().equals("map")
                && fits(args.get(0), cql.arguments().get(0))
                && fits(args.get(1), cql.arguments().get(1));
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return Set.of("text", "varchar", "ascii").contains(cql.name());
    }
    if (element.getAnnotation(Transparent.class) != null) {
      List<? extends RecordComponentElement> components = element.getRecordComponents();
      return components.size() != 1 || fits(components.get(0).asType(), cql);
    }
    if (element.getAnnotation(UserType.class) != null) {
      return cql.name().equals("udt");
    }
    if (element.getAnnotation(CqlTuple.class) != null) {
      return cql.name().equals("tuple")
          && cql.arguments().size() == element.getRecordComponents().size();
    }
    return true; // a custom codec or an unmapped type: the session checks it when it binds
  }

  private boolean collection(TypeMirror element, CqlType cql, String... names) {
    return List.of(names).contains(cql.name())
        && !cql.arguments().isEmpty()
        && fits(element, cql.arguments().get(0));
  }
}
