package org.cql4j.protocol.fuzz;

import java.util.Random;

/**
 * Byte-level mutations shared by the fuzz tests; each works in place on {@code b[0, length)} and
 * draws from the input's generator only. Stateless and thread-safe.
 */
public final class Mutations {
  /** Lengths that break naive code: the sign bit, all ones, just past the limits. */
  private static final int[] NASTY = {
    0x7fffffff, 0xffffffff, 0x80000000, 0xfffffffe, 0x10000000, 0x00010000, 0x0000ffff, 0x00008000
  };

  private static final int[] NASTY_SHORTS = {0xffff, 0x8000, 0x7fff, 0};

  private Mutations() {}

  /**
   * Flips 1 to {@code max} random bits.
   *
   * @param b the bytes
   * @param length how many are the input
   * @param max the most bits flipped
   * @param random the input's generator
   */
  public static void flipBits(byte[] b, int length, int max, Random random) {
    if (length == 0) {
      return;
    }
    int flips = 1 + random.nextInt(max);
    for (int i = 0; i < flips; i++) {
      int bit = random.nextInt(length * 8);
      b[bit >>> 3] ^= (byte) (1 << (bit & 7));
    }
  }

  /**
   * Overwrites 4 bytes at a random offset with a length-like value: a nasty one, a small one or a
   * random one.
   *
   * @param b the bytes
   * @param length how many are the input
   * @param random the input's generator
   */
  public static void nastyInt(byte[] b, int length, Random random) {
    if (length < 4) {
      return;
    }
    int v =
        switch (random.nextInt(3)) {
          case 0 -> NASTY[random.nextInt(NASTY.length)];
          case 1 -> random.nextInt(64) - 2;
          default -> random.nextInt();
        };
    putInt(b, random.nextInt(length - 3), v);
  }

  /**
   * Overwrites a [short] at a random offset with 0xffff, 0x8000, 0x7fff or 0.
   *
   * @param b the bytes
   * @param length how many are the input
   * @param random the input's generator
   */
  public static void nastyShort(byte[] b, int length, Random random) {
    if (length < 2) {
      return;
    }
    int at = random.nextInt(length - 1);
    int v = NASTY_SHORTS[random.nextInt(NASTY_SHORTS.length)];
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  /**
   * Overwrites random bytes (about one in {@code every}) from {@code from} on.
   *
   * @param b the bytes
   * @param from the first byte that may change
   * @param length how many are the input
   * @param every the inverse of the probability per byte
   * @param random the input's generator
   */
  public static void scramble(byte[] b, int from, int length, int every, Random random) {
    for (int i = from; i < length; i++) {
      if (random.nextInt(every) == 0) {
        b[i] = (byte) random.nextInt();
      }
    }
  }

  /**
   * Writes a big-endian int.
   *
   * @param b the bytes
   * @param at where
   * @param v the value
   */
  public static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
