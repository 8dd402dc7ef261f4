package org.cql4j.session;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a paged query resumes: the start, or the opaque position the server returned with the
 * previous page. Immutable and thread-safe.
 *
 * <p>The bytes are opaque and tied to the statement and its values; they can be stored (e.g. in a
 * web page's "next" link) with {@link #rawBytes()} and restored with {@link #fromBytes(byte[])}.
 */
public final class PagingState {
  private static final PagingState START = new PagingState(null);

  private final byte[] bytes;

  private PagingState(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The paging state of the first page. Thread-safe. */
  public static PagingState start() {
    return START;
  }

  /**
   * Restores a paging state from bytes the server returned earlier.
   *
   * @param bytes the raw paging state; copied
   * @return the paging state
   */
  public static PagingState fromBytes(byte[] bytes) {
    return new PagingState(Objects.requireNonNull(bytes, "bytes").clone());
  }

  /** Whether this is the start (no bytes). */
  public boolean isStart() {
    return bytes == null;
  }

  /** The raw bytes to send (a copy), or empty for the start. */
  public Optional<byte[]> rawBytes() {
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PagingState p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes == null
        ? "PagingState[start]"
        : "PagingState[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
