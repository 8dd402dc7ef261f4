package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Response;

/**
 * Encodes the responses the proxy forges, in the connection's version and compression. Stateless
 * and thread-safe.
 *
 * <p>Bodies come from cql-protocol's encoders (v4 layouts); v5 differs for the errors the proxy may
 * forge only in Read_failure and Write_failure, whose {@code <numfailures>} became a {@code
 * <reasonmap>} (native_protocol_v5.spec §8), written here.
 */
final class ForgedFrames {
  private ForgedFrames() {}

  /**
   * Encodes a response.
   *
   * @param rateLimitCode the negotiated rate limit error code: a {@link DbError.RateLimitReached}
   *     becomes a Config_error without one (scylla-protocol-extensions.md, "Rate limit error")
   * @return the frame, owned by the caller
   */
  static RawFrame encode(
      Response response,
      int streamId,
      int version,
      Framing framing,
      OptionalInt rateLimitCode,
      ByteBufAllocator alloc) {
    if (response instanceof ErrorMessage e && e.error() instanceof DbError.RateLimitReached) {
      response =
          rateLimitCode.isPresent()
              ? new ErrorMessage(rateLimitCode.getAsInt(), e.message(), e.error())
              : ErrorMessage.of(new DbError.ConfigError(), e.message());
    }
    byte[] body;
    int flags;
    if (version >= 5 && response instanceof ErrorMessage e && isFailure(e.error())) {
      body = v5Failure(e);
      flags = 0;
    } else {
      ByteBuf frame =
          new FrameCodec(
                  FrameHeader.DEFAULT_MAX_BODY_LENGTH,
                  null,
                  new ProtocolFeatures(rateLimitCode, false))
              .encode(
                  alloc,
                  new ResponseEnvelope(streamId, null, java.util.List.of(), Map.of(), response));
      try {
        flags = frame.getUnsignedByte(1);
        body = new byte[frame.readableBytes() - FrameHeader.SIZE];
        frame.getBytes(FrameHeader.SIZE, body);
      } finally {
        frame.release();
      }
    }
    RawFrame shell =
        new RawFrame(
            RawFrame.RESPONSE_BIT | version,
            flags,
            streamId,
            response.opcode().code(),
            Unpooled.EMPTY_BUFFER);
    return Bodies.withBody(shell, flags, body, framing, alloc);
  }

  private static boolean isFailure(DbError error) {
    return error instanceof DbError.ReadFailure || error instanceof DbError.WriteFailure;
  }

  private static byte[] v5Failure(ErrorMessage e) {
    ByteBuf out = Unpooled.buffer();
    out.writeInt(e.code());
    WireWriter.writeString(out, e.message(), "ERROR.message");
    Map<InetAddress, Integer> reasons;
    if (e.error() instanceof DbError.ReadFailure f) {
      WireWriter.writeConsistency(out, f.consistency().code());
      out.writeInt(f.received()).writeInt(f.blockFor());
      reasons = f.reasonMap();
      writeReasons(out, reasons);
      out.writeByte(f.dataPresent() ? 1 : 0);
    } else {
      DbError.WriteFailure f = (DbError.WriteFailure) e.error();
      WireWriter.writeConsistency(out, f.consistency().code());
      out.writeInt(f.received()).writeInt(f.blockFor());
      writeReasons(out, f.reasonMap());
      WireWriter.writeString(out, f.writeType().name(), "ERROR.writeType");
    }
    byte[] body = new byte[out.readableBytes()];
    out.readBytes(body);
    return body;
  }

  private static void writeReasons(ByteBuf out, Map<InetAddress, Integer> reasons) {
    out.writeInt(reasons.size());
    reasons.forEach(
        (address, code) -> {
          WireWriter.writeInetAddr(out, address);
          out.writeShort(code);
        });
  }
}
