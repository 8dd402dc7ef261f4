package org.cql4j.protocol.errors;

import java.util.List;
import java.util.Objects;

/**
 * The kind of write that timed out or failed (native_protocol_v4.spec §9, {@code <writeType>}).
 * Immutable and thread-safe.
 *
 * <p>Not an enum, so that a write type a newer server sends is preserved rather than lost: {@link
 * #valueOf(String)} returns one of the constants below for a known name (compare with {@code ==} or
 * {@code equals}) and a new instance, with {@link #isKnown()} false, for any other name.
 */
public final class WriteType {
  /** A non-batched, non-counter write. */
  public static final WriteType SIMPLE = new WriteType("SIMPLE", true);

  /** A logged batch whose batch log was written. */
  public static final WriteType BATCH = new WriteType("BATCH", true);

  /** An unlogged batch. */
  public static final WriteType UNLOGGED_BATCH = new WriteType("UNLOGGED_BATCH", true);

  /** A counter write, batched or not. */
  public static final WriteType COUNTER = new WriteType("COUNTER", true);

  /** The write to the batch log of a logged batch. */
  public static final WriteType BATCH_LOG = new WriteType("BATCH_LOG", true);

  /** The Paxos phase of a conditional (compare-and-set) write. */
  public static final WriteType CAS = new WriteType("CAS", true);

  /** A write involving a materialized view update. */
  public static final WriteType VIEW = new WriteType("VIEW", true);

  /** A write to CDC-tracked data over the CDC space limit. */
  public static final WriteType CDC = new WriteType("CDC", true);

  private static final List<WriteType> KNOWN =
      List.of(SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW, CDC);

  private final String name;
  private final boolean known;

  private WriteType(String name, boolean known) {
    this.name = name;
    this.known = known;
  }

  /**
   * Returns the write type with the given wire name.
   *
   * @param name the {@code <writeType>} string of the error body
   * @return the matching constant, or an unknown write type carrying {@code name}
   */
  public static WriteType valueOf(String name) {
    Objects.requireNonNull(name, "name");
    for (WriteType t : KNOWN) {
      if (t.name.equals(name)) {
        return t;
      }
    }
    return new WriteType(name, false);
  }

  /** The write types native_protocol_v4.spec §9 defines, in spec order. */
  public static List<WriteType> knownValues() {
    return KNOWN;
  }

  /** The wire name, e.g. {@code "BATCH_LOG"}. */
  public String name() {
    return name;
  }

  /** Whether this is one of the constants of this class rather than a name cql4j does not know. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteType other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
