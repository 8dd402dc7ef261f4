package org.cql4j.protocol.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The raw value of a CQL {@code decimal}: a scale and the two's complement bytes of the unscaled
 * value, meaning {@code unscaled × 10^-scale}. Immutable and thread-safe.
 *
 * <p>native_protocol_v4.spec §6.6.
 */
public final class CqlDecimal {
  private final int scale;
  private final byte[] unscaled;

  private CqlDecimal(int scale, byte[] unscaled) {
    this.scale = scale;
    this.unscaled = unscaled;
  }

  /**
   * Returns a decimal from its parts. Thread-safe.
   *
   * @param scale the scale (may be negative)
   * @param unscaledTwosComplement big-endian bytes of the unscaled value, at least one; copied
   * @return the decimal
   */
  public static CqlDecimal ofBytes(int scale, byte[] unscaledTwosComplement) {
    if (unscaledTwosComplement.length == 0) {
      throw new IllegalArgumentException("the unscaled value has at least one byte");
    }
    return new CqlDecimal(scale, unscaledTwosComplement.clone());
  }

  /**
   * Returns the decimal of a {@link BigDecimal}. Thread-safe.
   *
   * @param value the value
   * @return the decimal with the same scale and unscaled value
   */
  public static CqlDecimal of(BigDecimal value) {
    return new CqlDecimal(value.scale(), value.unscaledValue().toByteArray());
  }

  /** The scale; thread-safe. */
  public int scale() {
    return scale;
  }

  /** A copy of the unscaled value's bytes; thread-safe. */
  public byte[] unscaledBytes() {
    return unscaled.clone();
  }

  /** The value as a {@link BigDecimal}; thread-safe. */
  public BigDecimal toBigDecimal() {
    return new BigDecimal(new BigInteger(unscaled), scale);
  }

  /** Compares scale and bytes; thread-safe. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CqlDecimal d && scale == d.scale && Arrays.equals(unscaled, d.unscaled);
  }

  /** Hashes scale and bytes; thread-safe. */
  @Override
  public int hashCode() {
    return 31 * scale + Arrays.hashCode(unscaled);
  }

  /** The value and its parts; thread-safe. */
  @Override
  public String toString() {
    return "CqlDecimal["
        + toBigDecimal()
        + ", scale "
        + scale
        + ", 0x"
        + HexFormat.of().formatHex(unscaled)
        + "]";
  }
}
