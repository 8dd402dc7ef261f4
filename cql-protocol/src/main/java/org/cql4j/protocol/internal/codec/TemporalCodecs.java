package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlDate;
import org.cql4j.protocol.value.CqlDuration;
import org.cql4j.protocol.value.CqlTime;
import org.cql4j.protocol.value.CqlTimestamp;
import org.cql4j.protocol.value.CqlTimeuuid;

/**
 * Codecs of dates, times, durations, UUIDs and addresses (native_protocol_v4.spec §6). Stateless
 * and thread-safe.
 */
public final class TemporalCodecs {
  private TemporalCodecs() {}

  private static final long MAX_NANOS_OF_DAY = 86_399_999_999_999L;

  private static final Scalar.Reader<UUID> UUID_READER =
      (c, t, j) -> {
        int at = Cells.fixed(c, 16, t, j);
        return new UUID(c.getLong(at), c.getLong(at + 8));
      };
  private static final Scalar.Appender<UUID> UUID_APPENDER =
      (v, out, t) ->
          out.writeLong(v.getMostSignificantBits()).writeLong(v.getLeastSignificantBits());

  /** {@code uuid}, {@code timeuuid} ↔ UUID (§6.21, §6.18). */
  public static final Scalar<UUID> UUID =
      new Scalar<UUID>("java.util.UUID", true)
          .with(ColumnType.Native.UUID, UUID_READER, UUID_APPENDER)
          .with(ColumnType.Native.TIMEUUID, UUID_READER, UUID_APPENDER);

  /** {@code timeuuid} ↔ CqlTimeuuid. */
  public static final Scalar<CqlTimeuuid> TIMEUUID =
      new Scalar<CqlTimeuuid>(CqlTimeuuid.class.getName(), true)
          .with(
              ColumnType.Native.TIMEUUID,
              (c, t, j) -> new CqlTimeuuid(UUID_READER.read(c, t, j)),
              (v, out, t) -> UUID_APPENDER.append(v.uuid(), out, t));

  /** {@code inet} ↔ InetAddress (§6.9: 4 or 16 bytes). */
  public static final Scalar<InetAddress> INET =
      new Scalar<InetAddress>("java.net.InetAddress", true)
          .with(
              ColumnType.Native.INET,
              TemporalCodecs::readInet,
              (v, out, t) -> out.writeBytes(v.getAddress()));

  /** {@code date} ↔ LocalDate (§6.5: unsigned days, epoch at 2^31). */
  public static final Scalar<LocalDate> LOCAL_DATE =
      new Scalar<LocalDate>("java.time.LocalDate", true)
          .with(
              ColumnType.Native.DATE,
              (c, t, j) -> LocalDate.ofEpochDay(readDays(c, t, j)),
              (v, out, t) -> {
                long days = v.toEpochDay();
                if (days != (int) days) {
                  throw Cells.unwritable(
                      t, v, "outside the range of CQL date (±2^31 days from 1970)");
                }
                out.writeInt((int) days ^ Integer.MIN_VALUE);
              });

  /** {@code date} ↔ CqlDate. */
  public static final Scalar<CqlDate> CQL_DATE =
      new Scalar<CqlDate>(CqlDate.class.getName(), true)
          .with(
              ColumnType.Native.DATE,
              (c, t, j) -> new CqlDate(readDays(c, t, j)),
              (v, out, t) -> out.writeInt(v.daysSinceEpoch() ^ Integer.MIN_VALUE));

  /** {@code time} ↔ LocalTime (§6.16). */
  public static final Scalar<LocalTime> LOCAL_TIME =
      new Scalar<LocalTime>("java.time.LocalTime", true)
          .with(
              ColumnType.Native.TIME,
              (c, t, j) -> {
                long nanos = c.getLong(Cells.fixed(c, 8, t, j));
                if (nanos < 0 || nanos > MAX_NANOS_OF_DAY) {
                  throw Cells.malformed(
                      c, t, j, nanos + " ns is not a time of day; read it as CqlTime");
                }
                return LocalTime.ofNanoOfDay(nanos);
              },
              (v, out, t) -> out.writeLong(v.toNanoOfDay()));

  /** {@code time} ↔ CqlTime (any 64-bit value). */
  public static final Scalar<CqlTime> CQL_TIME =
      new Scalar<CqlTime>(CqlTime.class.getName(), true)
          .with(
              ColumnType.Native.TIME,
              (c, t, j) -> new CqlTime(c.getLong(Cells.fixed(c, 8, t, j))),
              (v, out, t) -> out.writeLong(v.nanosOfDay()));

  /** {@code timestamp} ↔ Instant (§6.17: milliseconds since the epoch). */
  public static final Scalar<Instant> INSTANT =
      new Scalar<Instant>("java.time.Instant", true)
          .with(
              ColumnType.Native.TIMESTAMP,
              (c, t, j) -> Instant.ofEpochMilli(c.getLong(Cells.fixed(c, 8, t, j))),
              (v, out, t) -> {
                try {
                  out.writeLong(v.toEpochMilli());
                } catch (ArithmeticException e) {
                  throw Cells.unwritable(t, v, "does not fit in 64-bit milliseconds since 1970");
                }
              });

  /** {@code timestamp} ↔ CqlTimestamp. */
  public static final Scalar<CqlTimestamp> CQL_TIMESTAMP =
      new Scalar<CqlTimestamp>(CqlTimestamp.class.getName(), true)
          .with(
              ColumnType.Native.TIMESTAMP,
              (c, t, j) -> new CqlTimestamp(c.getLong(Cells.fixed(c, 8, t, j))),
              (v, out, t) -> out.writeLong(v.millisSinceEpoch()));

  /** {@code duration} ↔ CqlDuration (native_protocol_v5.spec §5.8: three zig-zag vints). */
  public static final Scalar<CqlDuration> DURATION =
      new Scalar<CqlDuration>(CqlDuration.class.getName(), true)
          .with(
              ColumnType.Native.DURATION,
              TemporalCodecs::readDuration,
              TemporalCodecs::writeDuration);

  private static int readDays(ByteBuf c, ColumnType t, String j) {
    return c.getInt(Cells.fixed(c, 4, t, j)) ^ Integer.MIN_VALUE;
  }

  private static InetAddress readInet(ByteBuf c, ColumnType t, String j) {
    int n = c.readableBytes();
    if (n != 4 && n != 16) {
      throw Cells.malformed(c, t, j, "expected 4 or 16 bytes, got " + n);
    }
    byte[] b = new byte[n];
    c.getBytes(c.readerIndex(), b);
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw Cells.malformed(c, t, j, e.getMessage());
    }
  }

  private static CqlDuration readDuration(ByteBuf c, ColumnType t, String j) {
    int start = c.readerIndex();
    long months = Cells.readVint(c, t, j);
    long days = Cells.readVint(c, t, j);
    long nanos = Cells.readVint(c, t, j);
    if (c.isReadable()) {
      throw Cells.malformed(c, t, j, c.readableBytes() + " bytes after the three vints");
    }
    if (months != (int) months || days != (int) days) {
      c.readerIndex(start);
      throw Cells.malformed(c, t, j, "months " + months + " or days " + days + " exceed 32 bits");
    }
    return new CqlDuration((int) months, (int) days, nanos);
  }

  private static void writeDuration(CqlDuration v, ByteBuf out, ColumnType t) {
    boolean allNonNegative = v.months() >= 0 && v.days() >= 0 && v.nanoseconds() >= 0;
    boolean allNonPositive = v.months() <= 0 && v.days() <= 0 && v.nanoseconds() <= 0;
    if (!allNonNegative && !allNonPositive) {
      throw Cells.unwritable(t, v, "months, days and nanoseconds must not have different signs");
    }
    Cells.writeVint(v.months(), out);
    Cells.writeVint(v.days(), out);
    Cells.writeVint(v.nanoseconds(), out);
  }
}
