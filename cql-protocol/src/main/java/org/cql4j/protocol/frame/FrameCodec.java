package org.cql4j.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.internal.frame.FrameWriter;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.protocol.message.Messages;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Response;

/**
 * Turns messages into frames and frames into messages, with the settings of one connection: body
 * limit, compression, protocol version and negotiated extensions. Immutable and thread-safe; derive
 * a new codec with {@link #withCompressor} or {@link #withFeatures} once STARTUP has negotiated
 * them.
 *
 * <p>In protocol v5 a frame is an envelope inside segments ({@link SegmentCodec}), which carry the
 * compression: envelopes are never compressed themselves and their compression flag is ignored
 * (native_protocol_v5.spec §2.4).
 *
 * <p>Encoding writes the whole frame into one buffer from the given allocator (the caller owns and
 * releases it, usually by writing it to the channel). Decoding never releases the {@link Frame}:
 * the caller releases it in {@code finally}; a decoded {@link
 * org.cql4j.protocol.message.RowsResult} holds its own retained slice of the body.
 */
public final class FrameCodec {
  private final int maxBodyLength;
  private final Compressor compressor;
  private final ProtocolFeatures features;
  // one per codec, so that encoding a frame allocates no callback
  private final FrameWriter.BodyWriter<RequestEnvelope> requestBody = this::writeRequestBody;
  private final FrameWriter.BodyWriter<ResponseEnvelope> responseBody = this::writeResponseBody;

  /**
   * Creates a codec.
   *
   * @param maxBodyLength the largest body (compressed or not) to write or accept, in bytes
   * @param compressor the negotiated compression, or {@code null} for none
   * @param features the negotiated extensions
   */
  public FrameCodec(int maxBodyLength, Compressor compressor, ProtocolFeatures features) {
    if (maxBodyLength < 0) {
      throw new IllegalArgumentException("maxBodyLength must be >= 0, was " + maxBodyLength);
    }
    this.maxBodyLength = maxBodyLength;
    this.compressor = compressor;
    this.features = Objects.requireNonNull(features, "features");
  }

  /** A codec with the 256 MiB limit, no compression and no extensions. */
  public static FrameCodec defaults() {
    return new FrameCodec(FrameHeader.DEFAULT_MAX_BODY_LENGTH, null, ProtocolFeatures.NONE);
  }

  /** A copy of this codec that compresses with {@code compressor} ({@code null}: none). */
  public FrameCodec withCompressor(Compressor compressor) {
    return new FrameCodec(maxBodyLength, compressor, features);
  }

  /** A copy of this codec with other negotiated extensions. */
  public FrameCodec withFeatures(ProtocolFeatures features) {
    return new FrameCodec(maxBodyLength, compressor, features);
  }

  /** The largest body this codec writes or accepts. */
  public int maxBodyLength() {
    return maxBodyLength;
  }

  /** The negotiated extensions. */
  public ProtocolFeatures features() {
    return features;
  }

  /**
   * Encodes a request frame. STARTUP and OPTIONS are never compressed (§5: compression is agreed in
   * STARTUP).
   *
   * @param alloc allocates the frame buffer
   * @param envelope the request and its stream id, tracing flag and payload
   * @return the frame; the caller releases it (writing it to a channel does)
   */
  public ByteBuf encode(ByteBufAllocator alloc, RequestEnvelope envelope) {
    int flags = (envelope.tracing() ? FrameFlags.TRACING : 0);
    if (!envelope.customPayload().isEmpty()) {
      flags |= FrameFlags.CUSTOM_PAYLOAD;
    }
    Opcode opcode = envelope.message().opcode();
    boolean compress = opcode != Opcode.STARTUP && opcode != Opcode.OPTIONS && !features.v5();
    return FrameWriter.write(
        alloc,
        features.version(),
        false,
        flags,
        envelope.streamId(),
        opcode,
        requestBody,
        envelope,
        compress ? compressor : null,
        maxBodyLength);
  }

  private void writeRequestBody(ByteBuf out, RequestEnvelope envelope) {
    if (!envelope.customPayload().isEmpty()) {
      WireWriter.writeBytesMap(out, envelope.customPayload(), "custom_payload");
    }
    envelope.message().encode(out, features);
  }

  /**
   * Encodes a response frame (for a server, or a test playing one).
   *
   * @param alloc allocates the frame buffer
   * @param envelope the response with its tracing id, warnings and payload
   * @return the frame; the caller releases it
   */
  public ByteBuf encode(ByteBufAllocator alloc, ResponseEnvelope envelope) {
    int flags = 0;
    if (envelope.tracingId() != null) {
      flags |= FrameFlags.TRACING;
    }
    if (!envelope.warnings().isEmpty()) {
      flags |= FrameFlags.WARNING;
    }
    if (!envelope.customPayload().isEmpty()) {
      flags |= FrameFlags.CUSTOM_PAYLOAD;
    }
    return FrameWriter.write(
        alloc,
        features.version(),
        true,
        flags,
        envelope.streamId(),
        envelope.message().opcode(),
        responseBody,
        envelope,
        features.v5() ? null : compressor,
        maxBodyLength);
  }

  // native_protocol_v4.spec §2.2: [<tracing_id>][<warnings>][<custom_payload>]<message>
  private void writeResponseBody(ByteBuf out, ResponseEnvelope envelope) {
    if (envelope.tracingId() != null) {
      WireWriter.writeUuid(out, envelope.tracingId());
    }
    if (!envelope.warnings().isEmpty()) {
      WireWriter.writeStringList(out, envelope.warnings(), "warnings");
    }
    if (!envelope.customPayload().isEmpty()) {
      WireWriter.writeBytesMap(out, envelope.customPayload(), "custom_payload");
    }
    envelope.message().encode(out, features);
  }

  /**
   * Decodes a response frame: decompresses the body if flagged, reads the tracing id, warnings and
   * custom payload, then the message.
   *
   * @param frame a response frame; not released (the caller releases it; a rows result retains its
   *     own slice)
   * @return the response with its prefix
   * @throws ProtocolException if the frame is malformed
   */
  public ResponseEnvelope decodeResponse(Frame frame) {
    FrameHeader header = requireDirection(frame, true);
    ByteBuf body = body(frame);
    int start = body.readerIndex();
    try {
      UUID tracingId =
          header.hasFlag(FrameFlags.TRACING) ? WireReader.readUuid(body, "tracing_id") : null;
      List<String> warnings =
          header.hasFlag(FrameFlags.WARNING)
              ? WireReader.readStringList(body, "warnings")
              : List.of();
      Map<String, byte[]> payload =
          header.hasFlag(FrameFlags.CUSTOM_PAYLOAD)
              ? WireReader.readBytesMap(body, "custom_payload")
              : Map.of();
      Response message = Messages.decodeResponse(header.opcode(), body, features);
      return new ResponseEnvelope(header.streamId(), tracingId, warnings, payload, message);
    } catch (ProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      // safety net: a malformed frame fails its request, never the connection's thread
      throw new ProtocolException(header.opcode() + " body", -1, "could not be decoded: " + e, e);
    } finally {
      release(frame, body, start);
    }
  }

  /**
   * Decodes a request frame (for a server, or a test playing one).
   *
   * @param frame a request frame; not released (the caller releases it)
   * @return the request with its stream id, tracing flag and payload
   * @throws ProtocolException if the frame is malformed
   */
  public RequestEnvelope decodeRequest(Frame frame) {
    FrameHeader header = requireDirection(frame, false);
    ByteBuf body = body(frame);
    int start = body.readerIndex();
    try {
      Map<String, byte[]> payload =
          header.hasFlag(FrameFlags.CUSTOM_PAYLOAD)
              ? WireReader.readBytesMap(body, "custom_payload")
              : Map.of();
      Request message = Messages.decodeRequest(header.opcode(), body, features);
      return new RequestEnvelope(
          header.streamId(), header.hasFlag(FrameFlags.TRACING), payload, message);
    } catch (ProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProtocolException(header.opcode() + " body", -1, "could not be decoded: " + e, e);
    } finally {
      release(frame, body, start);
    }
  }

  private static FrameHeader requireDirection(Frame frame, boolean response) {
    FrameHeader header = frame.header();
    if (header.response() != response || header.opcode().isRequest() == response) {
      throw new ProtocolException(
          "frame.opcode", 4, header.opcode() + " is not a " + (response ? "response" : "request"));
    }
    return header;
  }

  /**
   * The bytes to decode: the frame's own body (read in place, no copy or view), or the decompressed
   * body.
   */
  private ByteBuf body(Frame frame) {
    ByteBuf raw = frame.body();
    if (!frame.header().hasFlag(FrameFlags.COMPRESSION) || features.v5()) {
      return raw;
    }
    if (compressor == null) {
      throw new ProtocolException(
          "frame.flags", 1, "the body is compressed but no compression was negotiated");
    }
    return compressor.decompress(raw, raw.alloc(), maxBodyLength);
  }

  /** Releases a decompressed body; gives the frame's own body its reader index back. */
  private static void release(Frame frame, ByteBuf body, int start) {
    if (body == frame.body()) {
      body.readerIndex(start);
    } else {
      body.release();
    }
  }
}
