package org.cql4j.protocol;

/**
 * The consistency level of a request: how many replicas must answer. Immutable and thread-safe.
 *
 * <p>Codes from native_protocol_v4.spec §3 ([consistency]). The serial levels live in {@link
 * SerialConsistency}; they are valid only as the serial consistency of a conditional request, or as
 * the consistency of a read that must see the result of one.
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

  /**
   * Returns the consistency with the given wire code.
   *
   * @param code the [consistency] code read from a frame
   * @return the matching level
   * @throws IllegalArgumentException if the code is not a regular consistency (serial levels
   *     included: see {@link SerialConsistency#fromCode(int)})
   */
  public static Consistency fromCode(int code) {
    Consistency c = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    if (c == null) {
      throw new IllegalArgumentException("Unknown consistency code 0x" + Integer.toHexString(code));
    }
    return c;
  }
}
