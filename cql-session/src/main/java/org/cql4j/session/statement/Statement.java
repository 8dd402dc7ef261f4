package org.cql4j.session.statement;

import java.util.Objects;
import java.util.Optional;

/**
 * An unprepared CQL statement: its text is sent with every execution and parsed by the server each
 * time. Thread-safe (see {@link StatementSettings}).
 *
 * <p>Prefer a {@link PreparedStatement} for anything run more than a few times, or when values are
 * bound: a prepared statement type-checks values before sending and enables token-aware routing.
 *
 * <pre>{@code
 * Statement s = new Statement("SELECT * FROM ks.t").setPageSize(100).setConsistency(Consistency.ONE);
 * }</pre>
 */
public final class Statement extends StatementSettings<Statement> {
  private final String cql;
  private volatile Optional<String> keyspace = Optional.empty(); // set rarely, read per request

  /**
   * Creates a statement with default settings.
   *
   * @param cql the CQL text
   */
  public Statement(String cql) {
    this.cql = Objects.requireNonNull(cql, "cql");
  }

  /** The CQL text. Thread-safe. */
  public String cql() {
    return cql;
  }

  /**
   * Sets the keyspace the statement runs in, instead of the session's (the Java driver's {@code
   * SimpleStatement.setKeyspace}): unqualified table names in the text then name tables of this
   * keyspace, and the load-balancing policy sees it as the request's keyspace. {@code
   * session.prepare(statement)} prepares the statement in it, and the prepared statement keeps it.
   * Default: not set, the session's keyspace applies.
   *
   * <p>Protocol v5 only (native_protocol_v5.spec §4.1.4, flag 0x80; §4.1.5): on a session that
   * speaks v4 (ScyllaDB, or a pinned v4) the request fails before it is sent with an {@link
   * org.cql4j.session.errors.UnsupportedFeatureException}; qualify the table names in the text
   * instead.
   *
   * @param keyspace the keyspace name as the server stores it (without quotes, lower case unless it
   *     was created quoted), or {@code null} to use the session's again
   * @return this statement
   * @throws IllegalArgumentException if the name is not a valid keyspace name
   */
  public Statement setKeyspace(String keyspace) {
    this.keyspace = checkKeyspace(keyspace);
    return this;
  }

  /** The keyspace set on this statement, or empty when the session's applies. Thread-safe. */
  public Optional<String> getKeyspace() {
    return keyspace;
  }

  /**
   * Returns a new statement with the same text, keyspace and a copy of this statement's settings.
   *
   * @return the copy
   */
  public Statement copy() {
    Statement copy = new Statement(cql);
    copy.copySettingsFrom(this);
    copy.keyspace = keyspace;
    return copy;
  }

  @Override
  public String toString() {
    return keyspace.isEmpty()
        ? "Statement[" + cql + "]"
        : "Statement[" + cql + ", keyspace=" + keyspace.get() + "]";
  }
}
