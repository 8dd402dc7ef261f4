package org.cql4j.cli.stress.generate;

/**
 * Stateless pseudo-random numbers: SplitMix64's finalizer over a salt and an index, so that a value
 * depends only on (seed, generator, operation index) and any thread can compute it without shared
 * state. Thread-safe.
 */
public final class Mix {
  /** The golden-ratio increment of SplitMix64. */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private Mix() {}

  /** The 64 well-mixed bits of stream {@code salt} at position {@code index}. */
  public static long bits(long salt, long index) {
    return mix(salt + index * GAMMA);
  }

  /** SplitMix64's output function (Steele, Lea and Flood, 2014). */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A double uniform in [0, 1) from 53 of the bits. */
  public static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }
}
