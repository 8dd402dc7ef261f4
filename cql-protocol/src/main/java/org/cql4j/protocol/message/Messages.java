package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;

/**
 * Decodes a message body by opcode, in either direction. Stateless and thread-safe.
 *
 * <p>The body buffer is never released here: the caller (who owns the frame) releases it. A {@link
 * RowsResult} retains its own slice of the body. Bytes left after a message are ignored
 * (native_protocol_v4.spec §1: bodies may carry more data than described).
 */
public final class Messages {
  private Messages() {}

  /**
   * Decodes a request body (for a server, or a test playing one).
   *
   * @param opcode the frame's opcode; must be a request opcode
   * @param body the body after any custom payload; not released
   * @param features the negotiated extensions
   * @return the request
   * @throws ProtocolException if the body is malformed or the opcode is not a request
   */
  public static Request decodeRequest(Opcode opcode, ByteBuf body, ProtocolFeatures features) {
    return switch (opcode) {
      case STARTUP -> Startup.decode(body);
      case AUTH_RESPONSE -> AuthResponse.decode(body);
      case OPTIONS -> new Options();
      case QUERY -> Query.decode(body, features);
      case PREPARE -> Prepare.decode(body, features);
      case EXECUTE -> Execute.decode(body, features);
      case BATCH -> Batch.decode(body, features);
      case REGISTER -> Register.decode(body);
      default ->
          throw new ProtocolException("frame.opcode", -1, "opcode " + opcode + " is not a request");
    };
  }

  /**
   * Decodes a response body.
   *
   * @param opcode the frame's opcode; must be a response opcode
   * @param body the body after the tracing id, warnings and custom payload; not released (a {@link
   *     RowsResult} retains a slice of it)
   * @param features the negotiated extensions
   * @return the response
   * @throws ProtocolException if the body is malformed or the opcode is not a response
   */
  public static Response decodeResponse(Opcode opcode, ByteBuf body, ProtocolFeatures features) {
    return switch (opcode) {
      case ERROR -> ErrorMessage.decode(body, features);
      case READY -> new Ready();
      case AUTHENTICATE -> Authenticate.decode(body);
      case SUPPORTED -> Supported.decode(body);
      case RESULT -> decodeResult(body, features);
      case EVENT -> decodeEvent(body);
      case AUTH_CHALLENGE -> AuthChallenge.decode(body);
      case AUTH_SUCCESS -> AuthSuccess.decode(body);
      default ->
          throw new ProtocolException(
              "frame.opcode", -1, "opcode " + opcode + " is not a response");
    };
  }

  /**
   * Decodes a RESULT body (native_protocol_v4.spec §4.2.5).
   *
   * @param body the body; not released (a {@link RowsResult} retains a slice of it)
   * @param features the negotiated extensions
   * @return the result
   */
  public static Result decodeResult(ByteBuf body, ProtocolFeatures features) {
    int offset = body.readerIndex();
    int kind = WireReader.readInt(body, "RESULT.kind");
    return switch (kind) {
      case Result.VOID -> VoidResult.INSTANCE;
      case Result.ROWS -> RowsResult.decodeAfterKind(body);
      case Result.SET_KEYSPACE -> SetKeyspaceResult.decodeAfterKind(body);
      case Result.PREPARED -> PreparedResult.decodeAfterKind(body, features);
      case Result.SCHEMA_CHANGE ->
          new SchemaChangeResult(SchemaChange.decode(body, "RESULT.Schema_change"));
      default -> throw new ProtocolException("RESULT.kind", offset, "unknown kind " + kind);
    };
  }

  /**
   * Decodes an EVENT body (native_protocol_v4.spec §4.2.6).
   *
   * @param body the body; not released
   * @return the event
   */
  public static Event decodeEvent(ByteBuf body) {
    int offset = body.readerIndex();
    String type = WireReader.readString(body, "EVENT.type");
    return switch (type) {
      case TopologyChangeEvent.TYPE -> TopologyChangeEvent.decodeAfterType(body);
      case StatusChangeEvent.TYPE -> StatusChangeEvent.decodeAfterType(body);
      case SchemaChangeEvent.TYPE ->
          new SchemaChangeEvent(SchemaChange.decode(body, "EVENT.SCHEMA_CHANGE"));
      default -> throw new ProtocolException("EVENT.type", offset, "unknown event type " + type);
    };
  }
}
