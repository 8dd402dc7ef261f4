package org.cql4j.session;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * A secondary index of a table, as {@code system_schema.indexes} describes it. Immutable and
 * thread-safe.
 *
 * @param keyspace the keyspace's name
 * @param table the indexed table's name
 * @param name the index's name, case-sensitive, without quotes
 * @param kind the kind of index
 * @param options the index's options: {@value #TARGET} (what it indexes), {@value #CLASS_NAME} for
 *     a custom index, and any others the index was created with
 */
public record IndexMetadata(
    String keyspace, String table, String name, IndexKind kind, Map<String, String> options) {

  /** The option naming what the index indexes. */
  public static final String TARGET = "target";

  /** The option naming the class of a custom index. */
  public static final String CLASS_NAME = "class_name";

  /** Checks the names and copies the options, sorted by name. */
  public IndexMetadata {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /**
   * What the index indexes, as CQL text: a column's name ({@code v}, {@code "MyColumn"}), or for a
   * collection {@code keys(m)}, {@code values(m)}, {@code entries(m)} or {@code full(f)}; empty if
   * the options do not say. Thread-safe.
   */
  public String target() {
    return options.getOrDefault(TARGET, "");
  }

  /** The class of a custom index, e.g. SAI's {@code StorageAttachedIndex}; thread-safe. */
  public Optional<String> className() {
    return Optional.ofNullable(options.get(CLASS_NAME));
  }

  /**
   * Returns the statement that recreates this index: {@code CREATE INDEX name ON ks.table
   * (target);}, or for a custom index {@code CREATE CUSTOM INDEX ... USING 'class' WITH OPTIONS =
   * {...};} with the options other than the target and the class. Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  public String describe() {
    return SchemaCql.createIndex(this);
  }
}
