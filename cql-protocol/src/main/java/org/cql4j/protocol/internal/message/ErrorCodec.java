package org.cql4j.protocol.internal.message;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.OperationType;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.protocol.message.ProtocolFeatures;

/**
 * Reads and writes the code-specific part of an ERROR body (native_protocol_v4.spec §9,
 * native_protocol_v5.spec §8: v5 replaces the failure count of READ_FAILURE and WRITE_FAILURE with
 * a reason per replica, adds a contention count to a CAS WRITE_TIMEOUT, and adds CDC_WRITE_FAILURE
 * and CAS_WRITE_UNKNOWN). Stateless and thread-safe; never retains or releases the buffers it is
 * given.
 */
public final class ErrorCodec {
  private static final String F = "ERROR.";

  private ErrorCodec() {}

  /**
   * Reads the details that follow {@code <code><message>} for the given code.
   *
   * @param in positioned after the message; not released
   * @param code the error code
   * @param features the negotiated version and extensions (the ScyllaDB rate limit code)
   * @return the error; {@link DbError.Other} for a code cql4j does not know
   */
  public static DbError readDetails(ByteBuf in, int code, ProtocolFeatures features) {
    if (features.rateLimitErrorCode().isPresent()
        && features.rateLimitErrorCode().getAsInt() == code) {
      // scylla-protocol-extensions.md, "Rate limit error": <op_type><rejected_by_coordinator>
      int op = WireReader.readByte(in, F + "op_type");
      boolean byCoordinator = WireReader.readByte(in, F + "rejected_by_coordinator") != 0;
      return new DbError.RateLimitReached(OperationType.fromCode(op), byCoordinator);
    }
    return switch (code) {
      case 0x0000 -> new DbError.ServerError();
      case 0x000A -> new DbError.ProtocolError();
      case 0x0100 -> new DbError.AuthenticationError();
      case 0x1000 ->
          new DbError.Unavailable(
              WireReader.readConsistency(in, F + "cl"),
              WireReader.readInt(in, F + "required"),
              WireReader.readInt(in, F + "alive"));
      case 0x1001 -> new DbError.Overloaded();
      case 0x1002 -> new DbError.IsBootstrapping();
      case 0x1003 -> new DbError.TruncateError();
      case 0x1100 ->
          // v5 follows a CAS write type with <contentions>, a [short] left unread (bodies may
          // always carry more than the spec describes)
          new DbError.WriteTimeout(
              WireReader.readConsistency(in, F + "cl"),
              WireReader.readInt(in, F + "received"),
              WireReader.readInt(in, F + "blockfor"),
              WriteType.valueOf(WireReader.readString(in, F + "writeType")));
      case 0x1200 ->
          new DbError.ReadTimeout(
              WireReader.readConsistency(in, F + "cl"),
              WireReader.readInt(in, F + "received"),
              WireReader.readInt(in, F + "blockfor"),
              WireReader.readByte(in, F + "data_present") != 0);
      case 0x1300 -> readFailure(in, features.v5());
      case 0x1400 ->
          new DbError.FunctionFailure(
              WireReader.readString(in, F + "keyspace"),
              WireReader.readString(in, F + "function"),
              WireReader.readStringList(in, F + "arg_types"));
      case 0x1500 -> writeFailure(in, features.v5());
      case 0x1600 -> features.v5() ? new DbError.CdcWriteFailure() : new DbError.Other(code);
      case 0x1700 ->
          !features.v5()
              ? new DbError.Other(code)
              : new DbError.CasWriteUnknown(
                  WireReader.readConsistency(in, F + "cl"),
                  WireReader.readInt(in, F + "received"),
                  WireReader.readInt(in, F + "blockfor"));
      case 0x2000 -> new DbError.SyntaxError();
      case 0x2100 -> new DbError.Unauthorized();
      case 0x2200 -> new DbError.Invalid();
      case 0x2300 -> new DbError.ConfigError();
      case 0x2400 ->
          new DbError.AlreadyExists(
              WireReader.readString(in, F + "ks"), WireReader.readString(in, F + "table"));
      case 0x2500 -> new DbError.Unprepared(WireReader.readShortBytes(in, F + "id"));
      default -> new DbError.Other(code);
    };
  }

  // v4: <cl><received><blockfor><numfailures><data_present>; v5: <reasonmap> for <numfailures>
  private static DbError readFailure(ByteBuf in, boolean v5) {
    var consistency = WireReader.readConsistency(in, F + "cl");
    int received = WireReader.readInt(in, F + "received");
    int blockFor = WireReader.readInt(in, F + "blockfor");
    Map<InetAddress, Integer> reasons = v5 ? readReasons(in) : Map.of();
    int failures = v5 ? reasons.size() : WireReader.readInt(in, F + "numfailures");
    boolean dataPresent = WireReader.readByte(in, F + "data_present") != 0;
    return new DbError.ReadFailure(consistency, received, blockFor, failures, reasons, dataPresent);
  }

  private static DbError writeFailure(ByteBuf in, boolean v5) {
    var consistency = WireReader.readConsistency(in, F + "cl");
    int received = WireReader.readInt(in, F + "received");
    int blockFor = WireReader.readInt(in, F + "blockfor");
    Map<InetAddress, Integer> reasons = v5 ? readReasons(in) : Map.of();
    int failures = v5 ? reasons.size() : WireReader.readInt(in, F + "numfailures");
    WriteType type = WriteType.valueOf(WireReader.readString(in, F + "writeType"));
    return new DbError.WriteFailure(consistency, received, blockFor, failures, reasons, type);
  }

  // v5 §8: an [int] n, then n pairs of <endpoint> [inetaddr] and <failurecode> [short]
  private static Map<InetAddress, Integer> readReasons(ByteBuf in) {
    int n = WireReader.readInt(in, F + "reasonmap");
    WireReader.need(in, 7L * n, F + "reasonmap"); // each pair takes at least 1 + 4 + 2 bytes
    Map<InetAddress, Integer> reasons = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      InetAddress endpoint = WireReader.readInetAddr(in, F + "reasonmap.endpoint");
      reasons.put(endpoint, WireReader.readShort(in, F + "reasonmap.failurecode"));
    }
    return reasons;
  }

  /**
   * Writes the details of {@code error} (the part after {@code <code><message>}).
   *
   * @param out the buffer; not released
   * @param error the error
   * @param v5 whether to write the v5 layouts
   */
  public static void writeDetails(ByteBuf out, DbError error, boolean v5) {
    if (error instanceof DbError.Unavailable e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.required()).writeInt(e.alive());
    } else if (error instanceof DbError.WriteTimeout e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.received()).writeInt(e.blockFor());
      WireWriter.writeString(out, e.writeType().name(), F + "writeType");
    } else if (error instanceof DbError.ReadTimeout e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.received()).writeInt(e.blockFor()).writeByte(e.dataPresent() ? 1 : 0);
    } else if (error instanceof DbError.ReadFailure e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.received()).writeInt(e.blockFor());
      writeFailures(out, e.numFailures(), e.reasonMap(), v5);
      out.writeByte(e.dataPresent() ? 1 : 0);
    } else if (error instanceof DbError.WriteFailure e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.received()).writeInt(e.blockFor());
      writeFailures(out, e.numFailures(), e.reasonMap(), v5);
      WireWriter.writeString(out, e.writeType().name(), F + "writeType");
    } else if (error instanceof DbError.CasWriteUnknown e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.received()).writeInt(e.blockFor());
    } else if (error instanceof DbError.FunctionFailure e) {
      WireWriter.writeString(out, e.keyspace(), F + "keyspace");
      WireWriter.writeString(out, e.function(), F + "function");
      WireWriter.writeStringList(out, e.argTypes(), F + "arg_types");
    } else if (error instanceof DbError.AlreadyExists e) {
      WireWriter.writeString(out, e.keyspace(), F + "ks");
      WireWriter.writeString(out, e.table(), F + "table");
    } else if (error instanceof DbError.Unprepared e) {
      WireWriter.writeShortBytes(out, e.id(), F + "id");
    } else if (error instanceof DbError.RateLimitReached e) {
      out.writeByte(e.operationType().code()).writeByte(e.rejectedByCoordinator() ? 1 : 0);
    }
    // every other variant has no details
  }

  private static void writeFailures(
      ByteBuf out, int count, Map<InetAddress, Integer> reasons, boolean v5) {
    if (!v5) {
      out.writeInt(count);
      return;
    }
    out.writeInt(reasons.size());
    reasons.forEach(
        (endpoint, code) -> {
          WireWriter.writeInetAddr(out, endpoint);
          out.writeShort(code);
        });
  }
}
