package org.cql4j.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * A table, as {@code system_schema.tables}, {@code columns} and {@code indexes} describe it.
 * Immutable and thread-safe.
 *
 * <p>{@link #describe()} writes the {@code CREATE TABLE} statement that recreates it: the columns
 * in order, the primary key, the clustering order and the options. Its secondary indexes are
 * separate statements ({@link IndexMetadata#describe()}).
 */
public final class TableMetadata extends RelationMetadata {
  private final Map<String, IndexMetadata> indexes;

  /**
   * Creates a table's metadata.
   *
   * @param keyspace the keyspace's name
   * @param name the table's name, case-sensitive, without quotes
   * @param columns the columns: the partition key in key order, then the clustering columns in key
   *     order, then the regular and static ones in the order {@link #columns()} should keep
   * @param comment the table's comment, empty for none
   * @param options the other table options by name, each value as CQL text (e.g. {@code
   *     gc_grace_seconds} = {@code 864000}, {@code caching} = {@code {'keys': 'ALL'}})
   * @param indexes the table's secondary indexes
   * @throws IllegalArgumentException if the columns have no partition key, repeat a name or are out
   *     of that order, or an index belongs to another table
   */
  public TableMetadata(
      String keyspace,
      String name,
      List<ColumnMetadata> columns,
      String comment,
      Map<String, String> options,
      List<IndexMetadata> indexes) {
    super(keyspace, name, columns, comment, options);
    Map<String, IndexMetadata> byName = new LinkedHashMap<>();
    for (IndexMetadata index : indexes) {
      if (!index.keyspace().equals(keyspace) || !index.table().equals(name)) {
        throw new IllegalArgumentException(
            "index "
                + index.name()
                + " of "
                + SchemaCql.qualified(index.keyspace(), index.table())
                + " is not one of "
                + SchemaCql.qualified(keyspace, name));
      }
      byName.put(index.name(), index);
    }
    this.indexes = Collections.unmodifiableMap(byName);
  }

  /** The table's secondary indexes by name; thread-safe. */
  public Map<String, IndexMetadata> indexes() {
    return indexes;
  }

  /**
   * Returns the {@code CREATE TABLE} statement that recreates this table, e.g.
   *
   * <pre>{@code
   * CREATE TABLE ks.events (
   *     day date,
   *     at timestamp,
   *     payload text,
   *     PRIMARY KEY (day, at)
   * ) WITH CLUSTERING ORDER BY (at DESC)
   *     AND comment = '';
   * }</pre>
   *
   * Names are quoted only where CQL needs it; user types are named without their keyspace (a table
   * can only use its own keyspace's), so the statement also works with another keyspace's name
   * after {@code CREATE TABLE}. Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  @Override
  public String describe() {
    return SchemaCql.createTable(this);
  }

  /** Equal when every part is; thread-safe. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TableMetadata t && sameRelation(t) && indexes.equals(t.indexes);
  }

  /** Consistent with {@link #equals}; thread-safe. */
  @Override
  public int hashCode() {
    return 31 * relationHash() + indexes.hashCode();
  }
}
