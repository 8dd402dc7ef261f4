package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * Pre-serialized bound values, optionally named. Immutable (the arrays are not copied: do not
 * change them after handing them over) and thread-safe.
 *
 * <p>A {@code null} element is a null value; the {@link #UNSET} element (compared by identity) is
 * "not set". This is the form a decoded request carries, and a convenient one for tests; the
 * session writes values through a row serializer instead.
 *
 * @param names the bind marker names, one per value, or {@code null} when unnamed
 * @param values the serialized values
 */
public record RawValues(List<String> names, List<byte[]> values) implements BoundValues {

  /** The element standing for "not set" (native_protocol_v4.spec §3, [value] length -2). */
  public static final byte[] UNSET = new byte[0];

  /** Checks that names, when present, match the values one for one. */
  public RawValues {
    values = Collections.unmodifiableList(new ArrayList<>(values));
    if (names != null) {
      names = List.copyOf(names);
      if (names.size() != values.size()) {
        throw new IllegalArgumentException(
            names.size() + " names for " + values.size() + " values: they must match");
      }
    }
  }

  /** Unnamed values; {@code null} elements are nulls, {@link #UNSET} elements are unset. */
  public static RawValues of(byte[]... values) {
    return new RawValues(null, Arrays.asList(values));
  }

  @Override
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean hasNames() {
    return names != null;
  }

  @Override
  public int writeTo(ByteBuf out) {
    for (int i = 0; i < values.size(); i++) {
      if (names != null) {
        WireWriter.writeString(out, names.get(i), "values.name");
      }
      byte[] v = values.get(i);
      if (v == UNSET) {
        WireWriter.writeUnset(out);
      } else {
        WireWriter.writeBytes(out, v);
      }
    }
    return values.size();
  }

  /** Whether the value at {@code index} is "not set". */
  public boolean isUnset(int index) {
    return values.get(index) == UNSET;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawValues other)) {
      return false;
    }
    if (!java.util.Objects.equals(names, other.names) || values.size() != other.values.size()) {
      return false;
    }
    for (int i = 0; i < values.size(); i++) {
      byte[] a = values.get(i);
      byte[] b = other.values.get(i);
      if ((a == UNSET) != (b == UNSET) || !Arrays.equals(a, b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = java.util.Objects.hashCode(names);
    for (byte[] v : values) {
      h = 31 * h + (v == UNSET ? -2 : Arrays.hashCode(v));
    }
    return h;
  }

  @Override
  public String toString() {
    List<String> shown = new ArrayList<>();
    for (byte[] v : values) {
      shown.add(
          v == UNSET ? "unset" : v == null ? "null" : "0x" + java.util.HexFormat.of().formatHex(v));
    }
    return "RawValues[names=" + names + ", values=" + shown + "]";
  }
}
