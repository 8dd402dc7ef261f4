package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * Frame bodies as byte arrays: decompressed for reading, compressed again after a change, and the
 * response prefix of tracing id, warnings and custom payload (native_protocol_v4.spec §2.2).
 * Stateless and thread-safe.
 */
final class Bodies {
  private Bodies() {}

  /** The decompressed body, copied. */
  static byte[] uncompressed(RawFrame frame, Framing framing) {
    ByteBuf body = frame.body();
    if (!frame.hasFlag(RawFrame.FLAG_COMPRESSED) || !framing.frameCompression()) {
      byte[] out = new byte[body.readableBytes()];
      body.getBytes(body.readerIndex(), out);
      return out;
    }
    Compressor compressor = Compressors.forAlgorithm(framing.compression);
    ByteBuf plain =
        compressor.decompress(body, ByteBufAllocator.DEFAULT, FrameHeader.DEFAULT_MAX_BODY_LENGTH);
    try {
      byte[] out = new byte[plain.readableBytes()];
      plain.readBytes(out);
      return out;
    } finally {
      plain.release();
    }
  }

  /**
   * A frame with the same header and a new body, compressed when the connection compresses v4
   * frames (the compression flag follows).
   */
  static RawFrame withBody(
      RawFrame frame, int flags, byte[] body, Framing framing, ByteBufAllocator alloc) {
    if (framing.frameCompression() && frame.opcodeCode() != 0x01 && frame.opcodeCode() != 0x05) {
      Compressor compressor = Compressors.forAlgorithm(framing.compression);
      ByteBuf out = alloc.buffer(body.length / 2 + 16);
      compressor.compress(Unpooled.wrappedBuffer(body), out);
      return frame.with(flags | RawFrame.FLAG_COMPRESSED, out);
    }
    ByteBuf out = alloc.buffer(body.length);
    out.writeBytes(body);
    return frame.with(flags & ~RawFrame.FLAG_COMPRESSED, out);
  }

  /** Where the message starts in a response body: after its tracing id, warnings and payload. */
  static int messageStart(byte[] body, int flags) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    if ((flags & RawFrame.FLAG_TRACING) != 0) {
      in.skipBytes(16);
    }
    if ((flags & RawFrame.FLAG_WARNING) != 0) {
      WireReader.readStringList(in, "warnings");
    }
    if ((flags & RawFrame.FLAG_CUSTOM_PAYLOAD) != 0) {
      WireReader.readBytesMap(in, "custom_payload");
    }
    return in.readerIndex();
  }

  /**
   * Adds an entry to a response's custom payload, creating the payload when there is none.
   *
   * @return the new body; the frame needs {@link RawFrame#FLAG_CUSTOM_PAYLOAD} set
   */
  static byte[] withPayloadEntry(byte[] body, int flags, String key, byte[] value) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    ByteBuf out = Unpooled.buffer(body.length + key.length() + value.length + 16);
    if ((flags & RawFrame.FLAG_TRACING) != 0) {
      out.writeBytes(in, 16);
    }
    if ((flags & RawFrame.FLAG_WARNING) != 0) {
      int from = in.readerIndex();
      WireReader.readStringList(in, "warnings");
      out.writeBytes(body, from, in.readerIndex() - from);
    }
    Map<String, byte[]> payload = new LinkedHashMap<>();
    if ((flags & RawFrame.FLAG_CUSTOM_PAYLOAD) != 0) {
      payload.putAll(WireReader.readBytesMap(in, "custom_payload"));
    }
    payload.put(key, value);
    WireWriter.writeBytesMap(out, payload, "custom_payload");
    out.writeBytes(in);
    byte[] result = new byte[out.readableBytes()];
    out.readBytes(result);
    return result;
  }

  /** {@code body} with {@code length} bytes at {@code at} replaced by {@code insert}. */
  static byte[] splice(byte[] body, int at, int length, byte[] insert) {
    byte[] out = new byte[body.length - length + insert.length];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(body, at + length, out, at + insert.length, body.length - at - length);
    return out;
  }
}
