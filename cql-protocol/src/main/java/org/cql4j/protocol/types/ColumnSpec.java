package org.cql4j.protocol.types;

import java.util.Objects;

/**
 * The description of one result column or bind marker: where it comes from, its name and its CQL
 * type. Immutable and thread-safe.
 *
 * <p>Read from the &lt;col_spec_i&gt; of a Rows or Prepared result (native_protocol_v4.spec
 * §4.2.5.2, §4.2.5.4). For a bind marker the name is the marker's name (or the column it binds).
 *
 * @param keyspace the keyspace name
 * @param table the table name
 * @param name the column (or bind marker) name
 * @param type the CQL type
 */
public record ColumnSpec(String keyspace, String table, String name, ColumnType type) {
  /** Checks that no component is null; thread-safe. */
  public ColumnSpec {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
