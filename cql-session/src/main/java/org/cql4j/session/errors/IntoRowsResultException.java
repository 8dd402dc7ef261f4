package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;

/**
 * {@code QueryResult.intoRowsResult()} was called on a result that carries no rows (an {@code
 * INSERT}, a schema change, {@code USE}, ...). Immutable and thread-safe.
 */
public class IntoRowsResultException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final String resultKind;

  /**
   * Creates the exception for a result of the given kind.
   *
   * @param resultKind the kind of result that arrived instead of rows, e.g. {@code "Void"} or
   *     {@code "SchemaChange"}
   */
  public IntoRowsResultException(String resultKind) {
    super(
        "the result is "
            + resultKind
            + ", not Rows: only statements that return rows (SELECT, LWT, some batches) can be"
            + " read with intoRowsResult(); check isRows() first");
    this.resultKind = resultKind;
  }

  /** The kind of result that arrived instead of rows. */
  public String resultKind() {
    return resultKind;
  }
}
