package org.cql4j.session.statement;

import java.util.Objects;

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
   * Returns a new statement with the same text and a copy of this statement's settings.
   *
   * @return the copy
   */
  public Statement copy() {
    Statement copy = new Statement(cql);
    copy.copySettingsFrom(this);
    return copy;
  }

  @Override
  public String toString() {
    return "Statement[" + cql + "]";
  }
}
