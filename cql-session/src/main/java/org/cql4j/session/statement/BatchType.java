package org.cql4j.session.statement;

/**
 * The kind of a batch (native_protocol_v4.spec §4.1.7, &lt;type&gt;). Immutable and thread-safe.
 */
public enum BatchType {
  /** Atomic: written to the batch log first, so either all statements apply or none. */
  LOGGED(0),
  /** Not atomic: no batch log; cheaper, for statements on the same partition. */
  UNLOGGED(1),
  /** A batch of counter updates only. */
  COUNTER(2);

  private final int code;

  BatchType(int code) {
    this.code = code;
  }

  /** The byte sent on the wire for this kind. */
  public int code() {
    return code;
  }
}
