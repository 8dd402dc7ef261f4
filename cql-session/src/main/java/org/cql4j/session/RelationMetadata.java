package org.cql4j.session;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cql4j.session.internal.metadata.ColumnLayout;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * What tables and materialized views have in common: a name in a keyspace, columns with a primary
 * key, a comment and options. Immutable and thread-safe.
 */
public abstract sealed class RelationMetadata permits TableMetadata, ViewMetadata {
  private final String keyspace;
  private final String name;
  private final ColumnLayout layout;
  private final String comment;
  private final Map<String, String> options;

  RelationMetadata(
      String keyspace,
      String name,
      List<ColumnMetadata> columns,
      String comment,
      Map<String, String> options) {
    this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    this.name = Objects.requireNonNull(name, "name");
    this.layout = ColumnLayout.of(SchemaCql.qualified(keyspace, name), columns);
    this.comment = Objects.requireNonNull(comment, "comment");
    this.options = Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /** The keyspace's name; thread-safe. */
  public String keyspace() {
    return keyspace;
  }

  /** The name, case-sensitive, without quotes; thread-safe. */
  public String name() {
    return name;
  }

  /**
   * The columns by name, in order: the partition key, the clustering columns, then the others (by
   * name, as {@code system_schema} lists them). Thread-safe.
   */
  public Map<String, ColumnMetadata> columns() {
    return layout.columns();
  }

  /**
   * Returns a column. Thread-safe.
   *
   * @param column the column's name, case-sensitive, without quotes
   * @return the column, or empty if there is none of that name
   */
  public Optional<ColumnMetadata> column(String column) {
    return Optional.ofNullable(layout.columns().get(column));
  }

  /** The partition key columns' names, in key order; thread-safe. */
  public List<String> partitionKey() {
    return layout.partitionKey();
  }

  /** The clustering columns' names, in key order; empty if there are none. Thread-safe. */
  public List<String> clusteringKey() {
    return layout.clusteringKey();
  }

  /** The comment, empty for none; thread-safe. */
  public String comment() {
    return comment;
  }

  /**
   * The other options by name (the comment and clustering order apart), each value as CQL text,
   * e.g. {@code gc_grace_seconds} = {@code 864000}, {@code caching} = {@code {'keys': 'ALL',
   * 'rows_per_partition': 'NONE'}}. Thread-safe.
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * Returns the CQL statement that recreates this table or view. Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  public abstract String describe();

  /** Whether the common parts equal another's; for the subclasses' {@code equals}. */
  boolean sameRelation(RelationMetadata other) {
    return keyspace.equals(other.keyspace)
        && name.equals(other.name)
        && layout.equals(other.layout)
        && comment.equals(other.comment)
        && options.equals(other.options);
  }

  /** A hash of the common parts; for the subclasses' {@code hashCode}. */
  int relationHash() {
    return Objects.hash(keyspace, name, layout, comment, options);
  }

  /** The qualified name and the columns, for logs; thread-safe. */
  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + SchemaCql.qualified(keyspace, name)
        + " "
        + layout.columns().values()
        + "]";
  }
}
