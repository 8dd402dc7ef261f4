package org.cql4j.protocol.frame;

/**
 * The opcode of a frame: which message its body holds (native_protocol_v4.spec §2.4). Immutable and
 * thread-safe.
 */
public enum Opcode {
  /** A server error (§4.2.1). */
  ERROR(0x00, false),
  /** Initializes a connection (§4.1.1). */
  STARTUP(0x01, true),
  /** The server is ready for queries (§4.2.2). */
  READY(0x02, false),
  /** The server requires authentication (§4.2.3). */
  AUTHENTICATE(0x03, false),
  /** Asks which STARTUP options the server supports (§4.1.3). */
  OPTIONS(0x05, true),
  /** The STARTUP options the server supports (§4.2.4). */
  SUPPORTED(0x06, false),
  /** Runs a CQL query (§4.1.4). */
  QUERY(0x07, true),
  /** The result of a query (§4.2.5). */
  RESULT(0x08, false),
  /** Prepares a query (§4.1.5). */
  PREPARE(0x09, true),
  /** Executes a prepared query (§4.1.6). */
  EXECUTE(0x0A, true),
  /** Registers for server events (§4.1.8). */
  REGISTER(0x0B, true),
  /** A server-pushed event (§4.2.6). */
  EVENT(0x0C, false),
  /** Runs a batch (§4.1.7). */
  BATCH(0x0D, true),
  /** A SASL challenge from the server (§4.2.7). */
  AUTH_CHALLENGE(0x0E, false),
  /** A SASL response from the client (§4.1.2). */
  AUTH_RESPONSE(0x0F, true),
  /** Authentication succeeded (§4.2.8). */
  AUTH_SUCCESS(0x10, false);

  private static final Opcode[] BY_CODE = new Opcode[0x11];

  static {
    for (Opcode o : values()) {
      BY_CODE[o.code] = o;
    }
  }

  private final int code;
  private final boolean request;

  Opcode(int code, boolean request) {
    this.code = code;
    this.request = request;
  }

  /** The opcode byte written in the frame header. */
  public int code() {
    return code;
  }

  /** Whether a client sends this message (a request) rather than the server (a response). */
  public boolean isRequest() {
    return request;
  }

  /**
   * Returns the opcode with the given code, or {@code null} if the code is not a v4 opcode.
   *
   * @param code the opcode byte, 0..255
   * @return the opcode, or {@code null} when unknown
   */
  public static Opcode fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
