package org.cql4j.protocol;

/**
 * The consistency level of a request: how many replicas must answer. Immutable and thread-safe.
 *
 * <p>Codes from native_protocol_v4.spec §3 ([consistency]). The serial levels {@link #SERIAL} and
 * {@link #LOCAL_SERIAL} are here too (as in the Rust driver's {@code Consistency} and the Java
 * driver 4.x): a server reports them as the consistency of an Unavailable or WriteTimeout error of
 * a conditional (CAS) write, and they are the consistency of a read that must see the result of a
 * conditional write. The serial consistency of a conditional request itself is a {@link
 * SerialConsistency}.
 */
public enum Consistency {
  /** A write is accepted once written anywhere, hints included; not for reads. */
  ANY(0x0000),
  /** One replica. */
  ONE(0x0001),
  /** Two replicas. */
  TWO(0x0002),
  /** Three replicas. */
  THREE(0x0003),
  /** A majority of replicas over all datacenters. */
  QUORUM(0x0004),
  /** Every replica. */
  ALL(0x0005),
  /** A majority of the replicas in the coordinator's datacenter. */
  LOCAL_QUORUM(0x0006),
  /** A majority of the replicas in each datacenter; writes only. */
  EACH_QUORUM(0x0007),
  /** Paxos over all datacenters: a linearizable read, or the Paxos phase of a CAS write. */
  SERIAL(0x0008),
  /** Paxos within the coordinator's datacenter. */
  LOCAL_SERIAL(0x0009),
  /** One replica in the coordinator's datacenter. */
  LOCAL_ONE(0x000A);

  private static final Consistency[] BY_CODE = new Consistency[0x0B];

  static {
    for (Consistency c : values()) {
      BY_CODE[c.code] = c;
    }
  }

  private final int code;

  Consistency(int code) {
    this.code = code;
  }

  /** The [consistency] code written on the wire. */
  public int code() {
    return code;
  }

  /** Whether this is {@link #SERIAL} or {@link #LOCAL_SERIAL}. */
  public boolean isSerial() {
    return this == SERIAL || this == LOCAL_SERIAL;
  }

  /**
   * Returns the consistency with the given wire code.
   *
   * @param code the [consistency] code read from a frame
   * @return the matching level
   * @throws IllegalArgumentException if the code is not a [consistency] of native_protocol_v4.spec
   *     §3
   */
  public static Consistency fromCode(int code) {
    Consistency c = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    if (c == null) {
      throw new IllegalArgumentException("Unknown consistency code 0x" + Integer.toHexString(code));
    }
    return c;
  }
}
