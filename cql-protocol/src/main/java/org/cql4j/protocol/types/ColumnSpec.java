package org.cql4j.protocol.types;

import java.util.Objects;

/**
 * The description of one result column or bind marker: where it comes from, its name and its CQL
 * type. Immutable and thread-safe.
 *
 * <p>Read from the &lt;col_spec_i&gt; of a Rows or Prepared result (native_protocol_v4.spec
 * §4.2.5.2, §4.2.5.4). For a bind marker the name is the marker's name (or the column it binds).
 *
 * <p>Whether a column is frozen is not on the wire: a frozen collection column and a non-frozen one
 * have the same [option]. It matters when a collection column holds null: a null non-frozen
 * collection is an empty one (Cassandra stores an empty non-frozen collection as no value), while a
 * frozen collection can be null or empty. The session learns it from {@code system_schema} and sets
 * {@link #frozen()}; decoders then read a null frozen collection as null, a null non-frozen one as
 * empty ({@code DeserializeValue#bindNonFrozenCollection}).
 *
 * @param keyspace the keyspace name
 * @param table the table name
 * @param name the column (or bind marker) name
 * @param type the CQL type
 * @param frozen whether the schema declares the column {@code frozen<...>}; false when it does not,
 *     or when that is not known (as in a spec read from the wire)
 */
public record ColumnSpec(
    String keyspace, String table, String name, ColumnType type, boolean frozen) {
  /** Checks that no component is null; thread-safe. */
  public ColumnSpec {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /**
   * A column spec as read from the wire: not known to be frozen. Thread-safe.
   *
   * @param keyspace the keyspace name
   * @param table the table name
   * @param name the column (or bind marker) name
   * @param type the CQL type
   */
  public ColumnSpec(String keyspace, String table, String name, ColumnType type) {
    this(keyspace, table, name, type, false);
  }

  /**
   * This spec with {@link #frozen()} set as given. Thread-safe.
   *
   * @param frozen whether the column is frozen
   * @return this spec if it already says so, else a copy
   */
  public ColumnSpec withFrozen(boolean frozen) {
    return frozen == this.frozen ? this : new ColumnSpec(keyspace, table, name, type, frozen);
  }

  /** Whether the type is a list, set or map: a collection whose null depends on being frozen. */
  public boolean isCollection() {
    return type instanceof ColumnType.ListType
        || type instanceof ColumnType.SetType
        || type instanceof ColumnType.MapType;
  }
}
