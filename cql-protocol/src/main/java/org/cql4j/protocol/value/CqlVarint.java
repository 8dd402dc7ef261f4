package org.cql4j.protocol.value;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The raw value of a CQL {@code varint}: big-endian two's complement bytes. Immutable and
 * thread-safe.
 *
 * <p>native_protocol_v4.spec §6.23. The bytes are kept as sent, so a non-minimal encoding survives
 * a round trip.
 */
public final class CqlVarint {
  private final byte[] bytes;

  private CqlVarint(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns a varint from its two's complement bytes. Thread-safe.
   *
   * @param twosComplement big-endian bytes, at least one; copied
   * @return the varint
   */
  public static CqlVarint ofBytes(byte[] twosComplement) {
    if (twosComplement.length == 0) {
      throw new IllegalArgumentException("a varint has at least one byte");
    }
    return new CqlVarint(twosComplement.clone());
  }

  /**
   * Returns the varint of a {@link BigInteger}. Thread-safe.
   *
   * @param value the value
   * @return the varint, minimally encoded
   */
  public static CqlVarint of(BigInteger value) {
    return new CqlVarint(value.toByteArray());
  }

  /** A copy of the big-endian two's complement bytes; thread-safe. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The value as a {@link BigInteger}; thread-safe. */
  public BigInteger toBigInteger() {
    return new BigInteger(bytes);
  }

  /** Compares the bytes; thread-safe. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CqlVarint v && Arrays.equals(bytes, v.bytes);
  }

  /** Hashes the bytes; thread-safe. */
  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The value in decimal and the bytes in hex; thread-safe. */
  @Override
  public String toString() {
    return "CqlVarint[" + toBigInteger() + ", 0x" + HexFormat.of().formatHex(bytes) + "]";
  }
}
