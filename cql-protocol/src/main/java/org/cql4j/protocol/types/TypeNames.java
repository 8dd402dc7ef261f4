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

  /** An identifier, double-quoted unless it is a plain lower-case one that is not reserved. */
  static String identifier(String name) {
    return CqlIdentifiers.quoteIfNeeded(name);
  }
}
