package org.cql4j.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * A user-defined type, as {@code system_schema.types} describes it. Immutable and thread-safe.
 *
 * @param keyspace the keyspace's name
 * @param name the type's name, case-sensitive, without quotes
 * @param fieldNames the fields' names, in declaration order
 * @param fieldTypes the fields' types, in the same order
 * @param frozenFields the names of the fields whose type is declared {@code frozen<...>}
 */
public record UserTypeMetadata(
    String keyspace,
    String name,
    List<String> fieldNames,
    List<ColumnType> fieldTypes,
    Set<String> frozenFields) {

  /**
   * Checks the names and copies the lists.
   *
   * @throws IllegalArgumentException if there are not as many types as names, or a frozen field is
   *     not a field
   */
  public UserTypeMetadata {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    fieldNames = List.copyOf(fieldNames);
    fieldTypes = List.copyOf(fieldTypes);
    frozenFields = Set.copyOf(frozenFields);
    if (fieldNames.size() != fieldTypes.size()) {
      throw new IllegalArgumentException(
          "user type "
              + name
              + ": "
              + fieldNames.size()
              + " names, "
              + fieldTypes.size()
              + " types");
    }
    if (!fieldNames.containsAll(frozenFields)) {
      throw new IllegalArgumentException(
          "user type " + name + ": frozen fields " + frozenFields + " not all in " + fieldNames);
    }
  }

  /**
   * Whether a field's type is declared {@code frozen<...>}. Thread-safe.
   *
   * @param field the field's name
   * @return true if frozen
   */
  public boolean isFrozen(String field) {
    return frozenFields.contains(field);
  }

  /**
   * The type as a {@link ColumnType}, e.g. to decode values of it. Thread-safe.
   *
   * @return the user type with its fields
   */
  public ColumnType.UserType toColumnType() {
    List<ColumnType.UserType.Field> fields = new ArrayList<>();
    for (int i = 0; i < fieldNames.size(); i++) {
      fields.add(new ColumnType.UserType.Field(fieldNames.get(i), fieldTypes.get(i)));
    }
    return new ColumnType.UserType(keyspace, name, fields);
  }

  /**
   * Returns the statement that recreates this type, e.g.
   *
   * <pre>{@code
   * CREATE TYPE ks.address (
   *     street text,
   *     location frozen<point>
   * );
   * }</pre>
   *
   * The user types of its fields are named without their keyspace. Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  public String describe() {
    return SchemaCql.createType(this);
  }
}
