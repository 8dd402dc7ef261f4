package org.cql4j.protocol;

/**
 * Bytes that do not follow the native protocol: a truncated frame, a negative or oversized length,
 * an unknown opcode, error code, type id or consistency. Immutable and thread-safe.
 *
 * <p>The message names the field that was being read and the byte offset where reading failed, so a
 * bad frame can be found in a capture. A malformed frame fails its own request (or its connection),
 * never the process.
 */
public class ProtocolException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final long offset;

  /**
   * Creates an exception for a field that could not be read.
   *
   * @param field the protocol field being read, e.g. {@code "RESULT.Rows.metadata.columns_count"}
   * @param offset the byte offset within the frame body (or buffer) where reading failed, or -1
   *     when unknown
   * @param problem what was wrong, e.g. {@code "negative length -5"}
   */
  public ProtocolException(String field, long offset, String problem) {
    super(describe(field, offset, problem));
    this.field = field;
    this.offset = offset;
  }

  /**
   * Creates an exception for a field that could not be read, with the underlying cause.
   *
   * @param field the protocol field being read
   * @param offset the byte offset where reading failed, or -1 when unknown
   * @param problem what was wrong
   * @param cause the underlying failure
   */
  public ProtocolException(String field, long offset, String problem, Throwable cause) {
    super(describe(field, offset, problem), cause);
    this.field = field;
    this.offset = offset;
  }

  /** The protocol field that was being read when the problem was found. */
  public String field() {
    return field;
  }

  /** The byte offset where reading failed, or -1 when unknown. */
  public long offset() {
    return offset;
  }

  private static String describe(String field, long offset, String problem) {
    return offset >= 0
        ? "Malformed " + field + " at offset " + offset + ": " + problem
        : "Malformed " + field + ": " + problem;
  }
}
