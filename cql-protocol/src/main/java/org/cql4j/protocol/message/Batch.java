package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.message.ParametersCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * BATCH: runs several statements as one batch (native_protocol_v4.spec §4.1.7,
 * native_protocol_v5.spec §4.1.7). Immutable and thread-safe as long as the statements' bound
 * values are.
 *
 * @param type logged, unlogged or counter
 * @param statements the statements, at most 65535
 * @param consistency the consistency of the batch
 * @param serialConsistency the serial consistency, or {@code null} (flag 0x10)
 * @param defaultTimestamp the default timestamp in microseconds, or {@link
 *     QueryParameters#NO_TIMESTAMP} (flag 0x20)
 * @param keyspace the keyspace the batch runs in instead of the connection's, or {@code null} (v5
 *     flag 0x80)
 * @param nowInSeconds the time the server takes as now, or {@link
 *     QueryParameters#NO_NOW_IN_SECONDS} (v5 flag 0x100)
 */
public record Batch(
    Type type,
    List<Statement> statements,
    Consistency consistency,
    SerialConsistency serialConsistency,
    long defaultTimestamp,
    String keyspace,
    int nowInSeconds)
    implements Request {

  /** The {@code <type>} byte of a batch. Immutable and thread-safe. */
  public enum Type {
    /** 0: a logged batch, written to the batch log first. */
    LOGGED,
    /** 1: an unlogged batch. */
    UNLOGGED,
    /** 2: a counter batch. */
    COUNTER
  }

  /**
   * One {@code <query_i>} of a batch. Immutable; the id array is not copied.
   *
   * @param query the CQL text ({@code <kind>} 0), or {@code null} for a prepared statement
   * @param preparedId the prepared id ({@code <kind>} 1), or {@code null} for a query string
   * @param values the statement's bound values, unnamed (§4.1.7: flag 0x40 does not work)
   */
  public record Statement(String query, byte[] preparedId, BoundValues values) {

    /** Checks that exactly one of query and id is present. */
    public Statement {
      if ((query == null) == (preparedId == null)) {
        throw new IllegalArgumentException("a batch statement has either a query or an id");
      }
      Objects.requireNonNull(values, "values");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Statement s
          && Objects.equals(query, s.query)
          && Arrays.equals(preparedId, s.preparedId)
          && values.equals(s.values);
    }

    @Override
    public int hashCode() {
      return Objects.hash(query, Arrays.hashCode(preparedId), values);
    }

    @Override
    public String toString() {
      return "Statement["
          + (query != null ? "query=" + query : "id=" + HexFormat.of().formatHex(preparedId))
          + ", values="
          + values
          + "]";
    }
  }

  /** Copies the statements. */
  public Batch {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(consistency, "consistency");
    statements = List.copyOf(statements);
  }

  /**
   * A batch without a keyspace or a time of its own (what protocol v4 can carry).
   *
   * @param type logged, unlogged or counter
   * @param statements the statements
   * @param consistency the consistency
   * @param serialConsistency the serial consistency, or {@code null}
   * @param defaultTimestamp the default timestamp, or {@link QueryParameters#NO_TIMESTAMP}
   */
  public Batch(
      Type type,
      List<Statement> statements,
      Consistency consistency,
      SerialConsistency serialConsistency,
      long defaultTimestamp) {
    this(
        type,
        statements,
        consistency,
        serialConsistency,
        defaultTimestamp,
        null,
        QueryParameters.NO_NOW_IN_SECONDS);
  }

  /** This batch at another consistency. */
  public Batch withConsistency(Consistency consistency) {
    return new Batch(
        type, statements, consistency, serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  @Override
  public Opcode opcode() {
    return Opcode.BATCH;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    for (Statement s : statements) {
      if (s.values.hasNames()) {
        // native_protocol_v4.spec §4.1.7, flag 0x40: "does not work and should not be used"
        throw new IllegalArgumentException(
            "named values are not supported in BATCH (CASSANDRA-10246): bind by position");
      }
    }
    out.writeByte(type.ordinal());
    WireWriter.writeShort(out, statements.size(), "BATCH.n");
    for (Statement s : statements) {
      if (s.query != null) {
        out.writeByte(0);
        WireWriter.writeLongString(out, s.query);
      } else {
        out.writeByte(1);
        WireWriter.writeShortBytes(out, s.preparedId, "BATCH.id");
      }
      ParametersCodec.writeValues(out, s.values);
    }
    WireWriter.writeConsistency(out, consistency.code());
    int flags = 0;
    if (serialConsistency != null) {
      flags |= ParametersCodec.SERIAL_CONSISTENCY;
    }
    if (defaultTimestamp != QueryParameters.NO_TIMESTAMP) {
      flags |= ParametersCodec.DEFAULT_TIMESTAMP;
    }
    flags |= ParametersCodec.v5Flags(keyspace, nowInSeconds, features.v5(), "BATCH");
    ParametersCodec.writeFlags(out, flags, features.v5());
    if (serialConsistency != null) {
      WireWriter.writeConsistency(out, serialConsistency.code());
    }
    if (defaultTimestamp != QueryParameters.NO_TIMESTAMP) {
      out.writeLong(defaultTimestamp);
    }
    ParametersCodec.writeV5Parts(out, flags, keyspace, nowInSeconds);
  }

  /**
   * Decodes a BATCH body; values are copied into {@link RawValues}. A batch with the names flag
   * (0x40) is rejected: §4.1.7 says it cannot work, and its names could only be found after reading
   * the values they precede.
   *
   * @param in the body; not released
   * @param features the negotiated version and extensions
   * @return the message
   */
  public static Batch decode(ByteBuf in, ProtocolFeatures features) {
    int typeOffset = in.readerIndex();
    int typeCode = WireReader.readByte(in, "BATCH.type");
    if (typeCode < 0 || typeCode > 2) {
      throw new ProtocolException("BATCH.type", typeOffset, "unknown batch type " + typeCode);
    }
    int n = WireReader.readShort(in, "BATCH.n");
    WireReader.need(in, 5L * n, "BATCH.n"); // kind byte + a 2-byte id or 4-byte string length
    List<Statement> statements = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kindOffset = in.readerIndex();
      int kind = WireReader.readByte(in, "BATCH.kind");
      String query = null;
      byte[] id = null;
      if (kind == 0) {
        query = WireReader.readLongString(in, "BATCH.query");
      } else if (kind == 1) {
        id = WireReader.readShortBytes(in, "BATCH.id");
      } else {
        throw new ProtocolException(
            "BATCH.kind", kindOffset, "kind " + kind + " is neither 0 nor 1");
      }
      statements.add(
          new Statement(query, id, ParametersCodec.readValues(in, false, "BATCH.values")));
    }
    Consistency consistency = WireReader.readConsistency(in, "BATCH.consistency");
    int flagsOffset = in.readerIndex();
    boolean v5 = features.v5();
    int flags = ParametersCodec.readFlags(in, "BATCH.flags", v5);
    if ((flags & ParametersCodec.NAMES_FOR_VALUES) != 0) {
      throw new ProtocolException(
          "BATCH.flags", flagsOffset, "names for values (0x40) are not supported in BATCH");
    }
    SerialConsistency serial =
        (flags & ParametersCodec.SERIAL_CONSISTENCY) != 0
            ? WireReader.readSerialConsistency(in, "BATCH.serial_consistency")
            : null;
    long timestamp =
        (flags & ParametersCodec.DEFAULT_TIMESTAMP) != 0
            ? WireReader.readLong(in, "BATCH.timestamp")
            : QueryParameters.NO_TIMESTAMP;
    String keyspace =
        v5 && (flags & ParametersCodec.WITH_KEYSPACE) != 0
            ? WireReader.readString(in, "BATCH.keyspace")
            : null;
    int now =
        v5 && (flags & ParametersCodec.NOW_IN_SECONDS) != 0
            ? WireReader.readInt(in, "BATCH.now_in_seconds")
            : QueryParameters.NO_NOW_IN_SECONDS;
    return new Batch(
        Type.values()[typeCode], statements, consistency, serial, timestamp, keyspace, now);
  }
}
