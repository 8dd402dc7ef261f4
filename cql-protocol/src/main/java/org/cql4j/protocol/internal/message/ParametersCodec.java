package org.cql4j.protocol.internal.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RawValues;

/**
 * Encodes and decodes {@code <query_parameters>} and bound values (native_protocol_v4.spec §4.1.4,
 * §4.1.7; native_protocol_v5.spec §4.1.4, where the flags grow from a [byte] to an [int] and the
 * keyspace and now in seconds are added). Stateless and thread-safe; never retains or releases the
 * buffers it is given.
 */
public final class ParametersCodec {
  /** §4.1.4 flag 0x01. */
  public static final int VALUES = 0x01;

  /** §4.1.4 flag 0x02. */
  public static final int SKIP_METADATA = 0x02;

  /** §4.1.4 flag 0x04. */
  public static final int PAGE_SIZE = 0x04;

  /** §4.1.4 flag 0x08. */
  public static final int PAGING_STATE = 0x08;

  /** §4.1.4 and §4.1.7 flag 0x10. */
  public static final int SERIAL_CONSISTENCY = 0x10;

  /** §4.1.4 and §4.1.7 flag 0x20. */
  public static final int DEFAULT_TIMESTAMP = 0x20;

  /** §4.1.4 and §4.1.7 flag 0x40. */
  public static final int NAMES_FOR_VALUES = 0x40;

  /** v5 §4.1.4 and §4.1.7 flag 0x80. */
  public static final int WITH_KEYSPACE = 0x80;

  /** v5 §4.1.4 and §4.1.7 flag 0x100. */
  public static final int NOW_IN_SECONDS = 0x100;

  private ParametersCodec() {}

  /**
   * Writes {@code <query_parameters>}; {@code out} is not released.
   *
   * @param out the buffer
   * @param p the parameters
   * @param v5 whether to write the v5 layout
   * @throws ProtocolException if the parameters carry a keyspace or a time, which v4 cannot send
   */
  public static void write(ByteBuf out, QueryParameters p, boolean v5) {
    BoundValues values = p.values();
    int flags = 0;
    if (!values.isEmpty()) {
      flags |= VALUES;
      if (values.hasNames()) {
        flags |= NAMES_FOR_VALUES;
      }
    }
    if (p.skipMetadata()) {
      flags |= SKIP_METADATA;
    }
    if (p.pageSize() != QueryParameters.NO_PAGE_SIZE) {
      flags |= PAGE_SIZE;
    }
    if (p.pagingState() != null) {
      flags |= PAGING_STATE;
    }
    if (p.serialConsistency() != null) {
      flags |= SERIAL_CONSISTENCY;
    }
    if (p.defaultTimestamp() != QueryParameters.NO_TIMESTAMP) {
      flags |= DEFAULT_TIMESTAMP;
    }
    flags |= v5Flags(p.keyspace(), p.nowInSeconds(), v5, "query_parameters");
    WireWriter.writeConsistency(out, p.consistency().code());
    writeFlags(out, flags, v5);
    if ((flags & VALUES) != 0) {
      writeValues(out, values);
    }
    if ((flags & PAGE_SIZE) != 0) {
      out.writeInt(p.pageSize());
    }
    if ((flags & PAGING_STATE) != 0) {
      WireWriter.writeBytes(out, p.pagingState());
    }
    if ((flags & SERIAL_CONSISTENCY) != 0) {
      WireWriter.writeConsistency(out, p.serialConsistency().code());
    }
    if ((flags & DEFAULT_TIMESTAMP) != 0) {
      out.writeLong(p.defaultTimestamp());
    }
    writeV5Parts(out, flags, p.keyspace(), p.nowInSeconds());
  }

  /**
   * The v5 flags for a keyspace and a time.
   *
   * @param keyspace the per-request keyspace, or null
   * @param nowInSeconds the time, or {@link QueryParameters#NO_NOW_IN_SECONDS}
   * @param v5 whether the connection speaks v5
   * @param field the message part, for the error
   * @return {@link #WITH_KEYSPACE} and {@link #NOW_IN_SECONDS} as present
   * @throws ProtocolException if either is present on v4
   */
  public static int v5Flags(String keyspace, int nowInSeconds, boolean v5, String field) {
    int flags = 0;
    if (keyspace != null) {
      flags |= WITH_KEYSPACE;
    }
    if (nowInSeconds != QueryParameters.NO_NOW_IN_SECONDS) {
      flags |= NOW_IN_SECONDS;
    }
    if (flags != 0 && !v5) {
      throw new ProtocolException(
          field + (keyspace != null ? ".keyspace" : ".now_in_seconds"),
          -1,
          (keyspace != null ? "a per-request keyspace" : "now_in_seconds")
              + " needs native protocol v5; this connection speaks v4");
    }
    return flags;
  }

  /** Writes the flags: a [byte] before v5, an [int] in v5. */
  public static void writeFlags(ByteBuf out, int flags, boolean v5) {
    if (v5) {
      out.writeInt(flags);
    } else {
      out.writeByte(flags);
    }
  }

  /** Reads the flags: a [byte] before v5, an [int] in v5. */
  public static int readFlags(ByteBuf in, String field, boolean v5) {
    return v5 ? WireReader.readInt(in, field) : WireReader.readByte(in, field) & 0xFF;
  }

  /** Writes {@code [<keyspace>][<now_in_seconds>]} as the flags announce them. */
  public static void writeV5Parts(ByteBuf out, int flags, String keyspace, int nowInSeconds) {
    if ((flags & WITH_KEYSPACE) != 0) {
      WireWriter.writeString(out, keyspace, "keyspace");
    }
    if ((flags & NOW_IN_SECONDS) != 0) {
      out.writeInt(nowInSeconds);
    }
  }

  /**
   * Writes {@code <n>} and the values, letting {@code values} write in place: a placeholder [short]
   * is patched with the count it reports.
   */
  public static void writeValues(ByteBuf out, BoundValues values) {
    int countIndex = out.writerIndex();
    out.writeShort(0);
    int n = values.writeTo(out);
    if (n < 0 || n > 0xFFFF) {
      throw new ProtocolException("values.count", -1, n + " values do not fit a [short]");
    }
    out.setShort(countIndex, n);
  }

  /**
   * Reads {@code <query_parameters>}; {@code in} is not released.
   *
   * @param in the body
   * @param field the message, for errors
   * @param v5 whether to read the v5 layout
   * @return the parameters
   */
  public static QueryParameters read(ByteBuf in, String field, boolean v5) {
    Consistency consistency = WireReader.readConsistency(in, field + ".consistency");
    int flags = readFlags(in, field + ".flags", v5);
    BoundValues values =
        (flags & VALUES) != 0
            ? readValues(in, (flags & NAMES_FOR_VALUES) != 0, field + ".values")
            : BoundValues.EMPTY;
    int pageSize =
        (flags & PAGE_SIZE) != 0
            ? WireReader.readInt(in, field + ".result_page_size")
            : QueryParameters.NO_PAGE_SIZE;
    byte[] pagingState =
        (flags & PAGING_STATE) != 0 ? WireReader.readBytes(in, field + ".paging_state") : null;
    SerialConsistency serial =
        (flags & SERIAL_CONSISTENCY) != 0
            ? WireReader.readSerialConsistency(in, field + ".serial_consistency")
            : null;
    long timestamp =
        (flags & DEFAULT_TIMESTAMP) != 0
            ? WireReader.readLong(in, field + ".timestamp")
            : QueryParameters.NO_TIMESTAMP;
    String keyspace =
        v5 && (flags & WITH_KEYSPACE) != 0 ? WireReader.readString(in, field + ".keyspace") : null;
    int now =
        v5 && (flags & NOW_IN_SECONDS) != 0
            ? WireReader.readInt(in, field + ".now_in_seconds")
            : QueryParameters.NO_NOW_IN_SECONDS;
    return new QueryParameters(
        consistency,
        values,
        (flags & SKIP_METADATA) != 0,
        pageSize,
        pagingState,
        serial,
        timestamp,
        keyspace,
        now);
  }

  /** Reads {@code <n>} and n optionally named [value]s into {@link RawValues}. */
  public static RawValues readValues(ByteBuf in, boolean named, String field) {
    int n = WireReader.readShort(in, field);
    WireReader.need(in, 4L * n, field); // each [value] takes at least its [int] length
    List<String> names = named ? new ArrayList<>(n) : null;
    List<byte[]> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (names != null) {
        names.add(WireReader.readString(in, field + ".name"));
      }
      int length = WireReader.readValueLength(in, field);
      if (length == WireReader.NULL_LENGTH) {
        values.add(null);
      } else if (length == WireReader.UNSET_LENGTH) {
        values.add(RawValues.UNSET);
      } else {
        byte[] v = new byte[length];
        in.readBytes(v);
        values.add(v);
      }
    }
    return new RawValues(names, values);
  }
}
