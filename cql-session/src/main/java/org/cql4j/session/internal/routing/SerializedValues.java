package org.cql4j.session.internal.routing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.util.List;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.token.Murmur3;

/**
 * Bound values serialized once, before the request is routed, so that the token of the partition
 * key is computed from the very bytes the frame will carry (no second serialization); each frame of
 * the request (a retry encodes another) copies them. Thread-safe for reading; released once, by the
 * request that owns it, when it completes.
 *
 * <p>Buffer ownership: the pooled buffer belongs to this object from {@link #of} until {@link
 * #release()}; {@link #writeTo} only copies from it.
 */
public final class SerializedValues implements BoundValues {
  private final ByteBuf bytes;
  private final int count;
  private List<Integer> hashedKey; // the indexes token was computed for, and its result
  private long token;

  private SerializedValues(ByteBuf bytes, int count) {
    this.bytes = bytes;
    this.count = count;
  }

  /**
   * Serializes values into a pooled buffer.
   *
   * @param values the values, written as the frame would write them
   * @param alloc allocates the buffer
   * @return the serialized values; the caller owns them and must {@link #release()} them
   * @throws RuntimeException what writing the values throws (a {@code SerializationException}); the
   *     buffer is released then
   */
  public static SerializedValues of(BoundValues values, ByteBufAllocator alloc) {
    ByteBuf bytes = alloc.buffer();
    try {
      int count = values.writeTo(bytes);
      return new SerializedValues(bytes, count);
    } catch (RuntimeException | Error e) {
      bytes.release();
      throw e;
    }
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
  }

  @Override
  public boolean hasNames() {
    return false;
  }

  @Override
  public int writeTo(ByteBuf out) {
    out.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
    return count;
  }

  /**
   * The Murmur3 token of the partition key: the values at {@code partitionKeyIndexes}, hashed as a
   * single component or as a composite key (native_protocol_v4.spec §4.2.5.4 gives the indexes).
   *
   * @param partitionKeyIndexes the positions of the partition key's values, in key order
   * @return the token; or {@link Long#MIN_VALUE}, which no key has, when a key value is null or
   *     unset (the server will refuse the request; any node can say so)
   */
  public long token(List<Integer> partitionKeyIndexes) {
    if (hashedKey != partitionKeyIndexes) {
      token = hash(partitionKeyIndexes);
      hashedKey = partitionKeyIndexes;
    }
    return token;
  }

  private long hash(List<Integer> partitionKeyIndexes) {
    if (partitionKeyIndexes.size() == 1) {
      int at = valueAt(partitionKeyIndexes.get(0));
      int length = bytes.getInt(at);
      return length < 0 ? Long.MIN_VALUE : Murmur3.token(bytes, at + 4, length);
    }
    ByteBuf[] components = new ByteBuf[partitionKeyIndexes.size()];
    for (int i = 0; i < components.length; i++) {
      int at = valueAt(partitionKeyIndexes.get(i));
      int length = bytes.getInt(at);
      if (length < 0) {
        return Long.MIN_VALUE;
      }
      components[i] = bytes.slice(at + 4, length);
    }
    return Murmur3.compositeToken(components);
  }

  /** Where the [value] at {@code index} starts: its [int] length. */
  private int valueAt(int index) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "partition key index " + index + " outside the " + count + " bound values");
    }
    int at = bytes.readerIndex();
    for (int i = 0; i < index; i++) {
      at += 4 + Math.max(bytes.getInt(at), 0);
    }
    return at;
  }

  /**
   * Takes one more reference, for an attempt whose frame is about to be encoded from these values;
   * {@link #release()} it once encoded. Thread-safe.
   *
   * @return false when the values were released already (the request completed)
   */
  public boolean tryRetain() {
    try {
      bytes.retain();
      return true;
    } catch (IllegalReferenceCountException e) {
      return false;
    }
  }

  /** Returns one reference: the request's own when it completes, or an attempt's. */
  public void release() {
    bytes.release();
  }
}
