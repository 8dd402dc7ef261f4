package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;

/**
 * A result had a different number of rows than the call required: {@code firstRow} on an empty
 * result, or {@code singleRow} on a result with zero or more than one row. Immutable and
 * thread-safe.
 */
public class RowsCountException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final int rowsNumber;

  /**
   * Creates an exception saying how many rows the result had and how many were required.
   *
   * @param call the method that failed, e.g. {@code "singleRow(User)"}
   * @param required what the call required, e.g. {@code "exactly one row"}
   * @param rowsNumber how many rows the result had
   */
  public RowsCountException(String call, String required, int rowsNumber) {
    super(call + " requires " + required + " but the result has " + rowsNumber + " rows");
    this.rowsNumber = rowsNumber;
  }

  /** How many rows the result had. */
  public int rowsNumber() {
    return rowsNumber;
  }
}
