package org.cql4j.protocol;

/**
 * The consistency of the Paxos phase of a conditional (lightweight) transaction. Immutable and
 * thread-safe.
 *
 * <p>Codes from native_protocol_v4.spec §3 ([consistency]).
 */
public enum SerialConsistency {
  /** Paxos over all datacenters. */
  SERIAL(0x0008),
  /** Paxos within the coordinator's datacenter. */
  LOCAL_SERIAL(0x0009);

  private final int code;

  SerialConsistency(int code) {
    this.code = code;
  }

  /** The [consistency] code written on the wire. */
  public int code() {
    return code;
  }

  /**
   * Returns the serial consistency with the given wire code.
   *
   * @param code the [consistency] code read from a frame
   * @return the matching level
   * @throws IllegalArgumentException if the code is not SERIAL or LOCAL_SERIAL
   */
  public static SerialConsistency fromCode(int code) {
    return switch (code) {
      case 0x0008 -> SERIAL;
      case 0x0009 -> LOCAL_SERIAL;
      default ->
          throw new IllegalArgumentException(
              "Unknown serial consistency code 0x" + Integer.toHexString(code));
    };
  }
}
