package org.cql4j.protocol.errors;

import org.cql4j.protocol.CqlException;

/**
 * An error the server answered with (an ERROR message, native_protocol_v4.spec §4.2.1 and §9).
 * Immutable and thread-safe.
 *
 * <p>{@link #error()} tells which error it is, with its details; the message is the server's own
 * message followed by the error's name and code, e.g. {@code "line 1:0 no viable alternative
 * (SyntaxError, code 0x2000)"}.
 */
public class DbException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final transient DbError error;
  private final int code;
  private final String serverMessage;

  /**
   * Creates the exception for a server error whose code is the variant's own.
   *
   * @param error the decoded error with its details
   * @param serverMessage the message the server sent
   */
  public DbException(DbError error, String serverMessage) {
    this(error, error.code(), serverMessage);
  }

  /**
   * Creates the exception for a server error with the code it had on the wire (which differs from
   * {@link DbError#code()} only for a negotiated code such as ScyllaDB's rate limit error).
   *
   * @param error the decoded error with its details
   * @param code the error code as received
   * @param serverMessage the message the server sent
   */
  public DbException(DbError error, int code, String serverMessage) {
    super(serverMessage + " (" + error.name() + ", code 0x" + Integer.toHexString(code) + ")");
    this.error = error;
    this.code = code;
    this.serverMessage = serverMessage;
  }

  /** Which error the server reported, with its details. */
  public DbError error() {
    return error;
  }

  /** The error code as received on the wire (native_protocol_v4.spec §9). */
  public int code() {
    return code;
  }

  /** The message exactly as the server sent it. */
  public String serverMessage() {
    return serverMessage;
  }
}
