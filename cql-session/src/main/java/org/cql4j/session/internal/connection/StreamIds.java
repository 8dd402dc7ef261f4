package org.cql4j.session.internal.connection;

/**
 * Allocates the stream ids of one connection, not thread-safe (confined to its event loop): 0 to
 * 32767 (native_protocol_v4.spec §2.3).
 *
 * <p>A bit set of 512 words; a set bit is a taken id. Allocation scans from the word that last had
 * a free id, so it is O(1) while the connection is not close to full, and at most 512 word reads
 * when it is.
 */
final class StreamIds {
  /** The number of stream ids of a v4 connection: the non-negative values of a [short]. */
  static final int MAX = 32768;

  private final long[] words;
  private final int mask;
  private int hint;
  private int taken;

  /** An allocator of all 32768 ids. */
  StreamIds() {
    this(MAX);
  }

  /**
   * An allocator of {@code capacity} ids, 0 to {@code capacity - 1}.
   *
   * @param capacity a power of two, a multiple of 64, at most {@link #MAX}
   */
  StreamIds(int capacity) {
    if (capacity < 64 || capacity > MAX || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "capacity must be a power of two in [64, " + MAX + "], was " + capacity);
    }
    this.words = new long[capacity >>> 6];
    this.mask = words.length - 1;
  }

  /**
   * Takes a free id.
   *
   * @return the id, or -1 when every id is taken
   */
  int acquire() {
    if (taken == words.length << 6) {
      return -1;
    }
    for (int i = 0; i <= mask; i++) {
      int index = (hint + i) & mask;
      long word = words[index];
      if (word != -1L) {
        int bit = Long.numberOfTrailingZeros(~word);
        words[index] = word | (1L << bit);
        hint = index;
        taken++;
        return (index << 6) | bit;
      }
    }
    throw new IllegalStateException("stream id count says free ids remain but none was found");
  }

  /**
   * Gives an id back.
   *
   * @param id a taken id
   * @throws IllegalArgumentException if the id is out of range or not taken
   */
  void release(int id) {
    if (!isTaken(id)) {
      throw new IllegalArgumentException("stream id " + id + " is not taken");
    }
    words[id >>> 6] &= ~(1L << (id & 63));
    taken--;
  }

  /** Whether {@code id} is in range and taken. */
  boolean isTaken(int id) {
    return id >= 0 && id < (words.length << 6) && (words[id >>> 6] & (1L << (id & 63))) != 0;
  }

  /** How many ids are taken. */
  int taken() {
    return taken;
  }

  /** How many ids this allocator hands out in total. */
  int capacity() {
    return words.length << 6;
  }
}
