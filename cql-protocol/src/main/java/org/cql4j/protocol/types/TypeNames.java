package org.cql4j.protocol.types;

/** Helpers that print types in CQL syntax. Stateless and thread-safe. */
final class TypeNames {
  private TypeNames() {}

  /** A type nested in another one: collections and user types must be frozen there. */
  static String nested(ColumnType type) {
    if (type instanceof ColumnType.ListType
        || type instanceof ColumnType.SetType
        || type instanceof ColumnType.MapType
        || type instanceof ColumnType.UserType) {
      return "frozen<" + type + ">";
    }
    return type.toString();
  }

  /** An identifier, double-quoted unless it is a plain lower-case one. */
  static String identifier(String name) {
    boolean plain = !name.isEmpty() && name.charAt(0) >= 'a' && name.charAt(0) <= 'z';
    for (int i = 0; plain && i < name.length(); i++) {
      char c = name.charAt(i);
      plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
