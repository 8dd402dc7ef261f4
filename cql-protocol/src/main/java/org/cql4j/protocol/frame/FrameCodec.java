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
 * limit, compression and negotiated extensions. Immutable and thread-safe; derive a new codec with
 * {@link #withCompressor} or {@link #withFeatures} once STARTUP has negotiated them.
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
    Request message = envelope.message();
    Map<String, byte[]> payload = envelope.customPayload();
    int flags = (envelope.tracing() ? FrameFlags.TRACING : 0);
    if (!payload.isEmpty()) {
      flags |= FrameFlags.CUSTOM_PAYLOAD;
    }
    Opcode opcode = message.opcode();
    boolean compress = opcode != Opcode.STARTUP && opcode != Opcode.OPTIONS;
    return FrameWriter.write(
        alloc,
        false,
        flags,
        envelope.streamId(),
        opcode,
        out -> {
          if (!payload.isEmpty()) {
            WireWriter.writeBytesMap(out, payload, "custom_payload");
          }
          message.encode(out, features);
        },
        compress ? compressor : null,
        maxBodyLength);
  }

  /**
   * Encodes a response frame (for a server, or a test playing one).
   *
   * @param alloc allocates the frame buffer
   * @param envelope the response with its tracing id, warnings and payload
   * @return the frame; the caller releases it
   */
  public ByteBuf encode(ByteBufAllocator alloc, ResponseEnvelope envelope) {
    Response message = envelope.message();
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
        true,
        flags,
        envelope.streamId(),
        message.opcode(),
        out -> {
          // native_protocol_v4.spec §2.2: [<tracing_id>][<warnings>][<custom_payload>]<message>
          if (envelope.tracingId() != null) {
            WireWriter.writeUuid(out, envelope.tracingId());
          }
          if (!envelope.warnings().isEmpty()) {
            WireWriter.writeStringList(out, envelope.warnings(), "warnings");
          }
          if (!envelope.customPayload().isEmpty()) {
            WireWriter.writeBytesMap(out, envelope.customPayload(), "custom_payload");
          }
          message.encode(out, features);
        },
        compressor,
        maxBodyLength);
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
      body.release();
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
      body.release();
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

  /** A body view this method's caller releases: the decompressed body, or a retained duplicate. */
  private ByteBuf body(Frame frame) {
    ByteBuf raw = frame.body();
    if (!frame.header().hasFlag(FrameFlags.COMPRESSION)) {
      return raw.retainedDuplicate();
    }
    if (compressor == null) {
      throw new ProtocolException(
          "frame.flags", 1, "the body is compressed but no compression was negotiated");
    }
    return compressor.decompress(raw, raw.alloc(), maxBodyLength);
  }
}
