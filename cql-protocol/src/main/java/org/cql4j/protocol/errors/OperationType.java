package org.cql4j.protocol.errors;

/**
 * The operation that went over a ScyllaDB per-partition rate limit (scylla-protocol-extensions.md,
 * "Rate limit error", {@code <op_type>}). Immutable and thread-safe.
 */
public enum OperationType {
  /** A read (op_type 0). */
  READ,
  /** A write (op_type 1). */
  WRITE,
  /** An op_type byte this version of cql4j does not know. */
  OTHER;

  /**
   * Returns the operation type for an {@code <op_type>} byte.
   *
   * @param code the byte from the error body
   * @return READ for 0, WRITE for 1, OTHER otherwise
   */
  public static OperationType fromCode(int code) {
    return switch (code) {
      case 0 -> READ;
      case 1 -> WRITE;
      default -> OTHER;
    };
  }

  /** The {@code <op_type>} byte: 0 for READ, 1 for WRITE, -1 for OTHER. */
  public int code() {
    return switch (this) {
      case READ -> 0;
      case WRITE -> 1;
      case OTHER -> -1;
    };
  }
}
