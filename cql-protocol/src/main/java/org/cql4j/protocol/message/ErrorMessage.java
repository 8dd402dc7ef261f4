package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.message.ErrorCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * ERROR: the server could not process a request (native_protocol_v4.spec §4.2.1, §9). Immutable and
 * thread-safe.
 *
 * @param code the error code as received (for a negotiated code such as ScyllaDB's rate limit error
 *     it differs from {@code error.code()})
 * @param message the server's message
 * @param error the decoded error with its details
 */
public record ErrorMessage(int code, String message, DbError error) implements Response {

  /** Checks the components are present. */
  public ErrorMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(error, "error");
  }

  /**
   * An error message whose code is the variant's own.
   *
   * @param error the error
   * @param message the server's message
   * @return the message
   */
  public static ErrorMessage of(DbError error, String message) {
    return new ErrorMessage(error.code(), message, error);
  }

  /** The exception to complete the failed request with. */
  public DbException toException() {
    return new DbException(error, code, message);
  }

  @Override
  public Opcode opcode() {
    return Opcode.ERROR;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    out.writeInt(code);
    WireWriter.writeString(out, message, "ERROR.message");
    ErrorCodec.writeDetails(out, error, features.v5());
  }

  /**
   * Decodes an ERROR body.
   *
   * @param in the body; not released
   * @param features the negotiated extensions (the ScyllaDB rate limit error code)
   * @return the message
   */
  public static ErrorMessage decode(ByteBuf in, ProtocolFeatures features) {
    int code = WireReader.readInt(in, "ERROR.code");
    String message = WireReader.readString(in, "ERROR.message");
    return new ErrorMessage(code, message, ErrorCodec.readDetails(in, code, features));
  }
}
