package org.cql4j.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * A materialized view, as {@code system_schema.views} and {@code columns} describe it: a table kept
 * by the server from a base table, with its own primary key. Immutable and thread-safe.
 */
public final class ViewMetadata extends RelationMetadata {
  private final String baseTable;
  private final boolean includeAllColumns;
  private final String whereClause;

  /**
   * Creates a view's metadata.
   *
   * @param keyspace the keyspace's name (the base table's too)
   * @param name the view's name, case-sensitive, without quotes
   * @param baseTable the base table's name
   * @param includeAllColumns whether the view selects every column of its base table ({@code SELECT
   *     *})
   * @param whereClause the view's {@code WHERE} clause as CQL text, e.g. {@code a IS NOT NULL AND b
   *     IS NOT NULL}
   * @param columns the columns: the partition key in key order, then the clustering columns in key
   *     order, then the others
   * @param comment the view's comment, empty for none
   * @param options the other options by name, each value as CQL text
   * @throws IllegalArgumentException if the columns have no partition key, repeat a name or are out
   *     of that order
   */
  public ViewMetadata(
      String keyspace,
      String name,
      String baseTable,
      boolean includeAllColumns,
      String whereClause,
      List<ColumnMetadata> columns,
      String comment,
      Map<String, String> options) {
    super(keyspace, name, columns, comment, options);
    this.baseTable = Objects.requireNonNull(baseTable, "baseTable");
    this.includeAllColumns = includeAllColumns;
    this.whereClause = Objects.requireNonNull(whereClause, "whereClause");
  }

  /** The base table's name (in the same keyspace); thread-safe. */
  public String baseTable() {
    return baseTable;
  }

  /** Whether the view selects every column of its base table; thread-safe. */
  public boolean includeAllColumns() {
    return includeAllColumns;
  }

  /** The view's {@code WHERE} clause as CQL text, as the server stores it; thread-safe. */
  public String whereClause() {
    return whereClause;
  }

  /**
   * Returns the {@code CREATE MATERIALIZED VIEW} statement that recreates this view, e.g.
   *
   * <pre>{@code
   * CREATE MATERIALIZED VIEW ks.by_email AS
   *     SELECT email, id, name
   *     FROM ks.users
   *     WHERE email IS NOT NULL AND id IS NOT NULL
   *     PRIMARY KEY (email, id)
   *     WITH CLUSTERING ORDER BY (id ASC)
   *     AND comment = '';
   * }</pre>
   *
   * Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  @Override
  public String describe() {
    return SchemaCql.createView(this);
  }

  /** Equal when every part is; thread-safe. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ViewMetadata v
        && sameRelation(v)
        && baseTable.equals(v.baseTable)
        && includeAllColumns == v.includeAllColumns
        && whereClause.equals(v.whereClause);
  }

  /** Consistent with {@link #equals}; thread-safe. */
  @Override
  public int hashCode() {
    return Objects.hash(relationHash(), baseTable, includeAllColumns, whereClause);
  }
}
