package org.cql4j.protocol.value;

import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * Stateless, thread-safe builders of the messages of {@link GeneratedCodecSupport}'s exceptions,
 * called only when a check fails.
 */
final class GeneratedCodecMessages {
  private GeneratedCodecMessages() {}

  static List<String> names(List<ColumnSpec> specs) {
    List<String> names = new ArrayList<>(specs.size());
    specs.forEach(spec -> names.add(spec.name()));
    return names;
  }

  /** {@code com.example.Outer.User} → {@code User}. */
  static String simpleName(String javaType) {
    return javaType.substring(javaType.lastIndexOf('.') + 1);
  }

  static String countProblem(
      List<ColumnSpec> specs, int min, int max, String expected, String javaType, String what) {
    return "%s maps, in order (flavor ENFORCE_ORDER): %s%s; the %s has %d %s (%s)"
        .formatted(
            simpleName(javaType),
            expected,
            min == max ? "" : " (the last " + (max - min) + " may be absent)",
            what.equals("columns") ? "result" : "statement",
            specs.size(),
            what,
            String.join(", ", names(specs)));
  }

  static String orderProblem(String what, int index, String name, String reorder) {
    return ("%s %d should be '%s' (flavor ENFORCE_ORDER); reorder the %s, rename the component"
            + " with @CqlName, or set skipNameChecks")
        .formatted(what, index, name, reorder);
  }

  static String orderProblem(ColumnType.UserType udt, int index, String name, boolean checkName) {
    if (index >= udt.fields().size()) {
      return ("the user type has no field %d (for component '%s', flavor ENFORCE_ORDER); add it"
              + " (ALTER TYPE), or annotate the component @AllowMissing")
          .formatted(index, name);
    }
    String actual = udt.fields().get(index).name();
    if (checkName && !actual.equals(name)) {
      return ("field %d is '%s', but the component there maps to '%s' (flavor ENFORCE_ORDER);"
              + " reorder the components, rename with @CqlName, or set skipNameChecks")
          .formatted(index, actual, name);
    }
    return null;
  }

  static String noField(String name, String javaType) {
    return ("the user type has no field '%s'; add it (ALTER TYPE), or annotate its component of"
            + " %s @AllowMissing")
        .formatted(name, simpleName(javaType));
  }

  static String excess(ColumnType.UserType udt, int index, String javaType) {
    return "field '%s' maps to no component of %s, and forbidExcessUdtFields is set"
        .formatted(udt.fields().get(index).name(), simpleName(javaType));
  }

  static String unmapped(String javaType, String what, String fix) {
    return "no component of %s maps to this %s; %s".formatted(simpleName(javaType), what, fix);
  }

  static String nullPrimitive(String what, String javaType) {
    return ("%s cannot be read into a primitive component of %s; use a boxed type or Optional, or"
            + " annotate the component @DefaultWhenNull")
        .formatted(what, simpleName(javaType));
  }

  static String noMarker(String name, List<ColumnSpec> markers) {
    return ("the statement has no bind marker '%s' (markers: %s); add it, or annotate its"
            + " component @AllowMissing or @Skip")
        .formatted(name, String.join(", ", names(markers)));
  }

  /** {@code field 'street'} of a user type, {@code element 0} of a tuple. */
  static String describe(ColumnType type, int index) {
    return type instanceof ColumnType.UserType udt
        ? "field '" + udt.fields().get(index).name() + "'"
        : "element " + index;
  }

  /** The type of field (or element) {@code index} of a user type (or tuple). */
  static ColumnType fieldType(ColumnType type, int index) {
    return type instanceof ColumnType.UserType udt
        ? udt.fields().get(index).type()
        : ((ColumnType.TupleType) type).components().get(index);
  }
}
