package org.cql4j.protocol.internal.message;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.OperationType;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.protocol.message.ProtocolFeatures;

/**
 * Reads and writes the code-specific part of an ERROR body (native_protocol_v4.spec §9). Stateless
 * and thread-safe; never retains or releases the buffers it is given.
 */
public final class ErrorCodec {
  private static final String F = "ERROR.";

  private ErrorCodec() {}

  /**
   * Reads the details that follow {@code <code><message>} for the given code.
   *
   * @param in positioned after the message; not released
   * @param code the error code
   * @param features the negotiated extensions (the ScyllaDB rate limit code)
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
      case 0x1300 ->
          // v4 sends <numfailures>; the v5 <reasonmap> is not on the wire here.
          new DbError.ReadFailure(
              WireReader.readConsistency(in, F + "cl"),
              WireReader.readInt(in, F + "received"),
              WireReader.readInt(in, F + "blockfor"),
              WireReader.readInt(in, F + "numfailures"),
              Map.of(),
              WireReader.readByte(in, F + "data_present") != 0);
      case 0x1400 ->
          new DbError.FunctionFailure(
              WireReader.readString(in, F + "keyspace"),
              WireReader.readString(in, F + "function"),
              WireReader.readStringList(in, F + "arg_types"));
      case 0x1500 ->
          new DbError.WriteFailure(
              WireReader.readConsistency(in, F + "cl"),
              WireReader.readInt(in, F + "received"),
              WireReader.readInt(in, F + "blockfor"),
              WireReader.readInt(in, F + "numfailures"),
              Map.of(),
              WriteType.valueOf(WireReader.readString(in, F + "writeType")));
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

  /**
   * Writes the details of {@code error} (the part after {@code <code><message>}).
   *
   * @param out the buffer; not released
   * @param error the error
   */
  public static void writeDetails(ByteBuf out, DbError error) {
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
      out.writeInt(e.received()).writeInt(e.blockFor()).writeInt(e.numFailures());
      out.writeByte(e.dataPresent() ? 1 : 0);
    } else if (error instanceof DbError.WriteFailure e) {
      WireWriter.writeConsistency(out, e.consistency().code());
      out.writeInt(e.received()).writeInt(e.blockFor()).writeInt(e.numFailures());
      WireWriter.writeString(out, e.writeType().name(), F + "writeType");
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
}
