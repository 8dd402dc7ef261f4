package org.cql4j.protocol.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.FrameFlags;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.internal.wire.Hex;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.Supported;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompressionTest {

  static Stream<Arguments> compressorsAndAllocators() {
    return Stream.of(Compressors.lz4(), Compressors.snappy())
        .flatMap(
            c ->
                Stream.of(
                    Arguments.of(c, PooledByteBufAllocator.DEFAULT),
                    Arguments.of(c, new PooledByteBufAllocator(false)),
                    Arguments.of(c, new UnpooledByteBufAllocator(false))));
  }

  static Stream<Compressor> compressors() {
    return Stream.of(Compressors.lz4(), Compressors.snappy());
  }

  private static ByteBuf body(ByteBufAllocator alloc, int size, long seed) {
    Random random = new Random(seed);
    ByteBuf buf = alloc.buffer(size);
    while (buf.writerIndex() < size) {
      // half repetitive text, half random bytes: compressible but not trivially
      if (random.nextBoolean()) {
        buf.writeCharSequence(
            "row-" + random.nextInt(100) + ";", java.nio.charset.StandardCharsets.US_ASCII);
      } else {
        buf.writeByte(random.nextInt());
      }
    }
    return buf.writerIndex(size);
  }

  @ParameterizedTest
  @MethodSource("compressorsAndAllocators")
  void roundTripsAOneMebibyteBody(Compressor compressor, ByteBufAllocator alloc) {
    ByteBuf original = body(alloc, 1024 * 1024, 42);
    ByteBuf compressed = alloc.buffer();
    ByteBuf restored = null;
    try {
      compressor.compress(original, compressed);
      assertThat(original.readerIndex()).isZero();
      assertThat(compressed.readableBytes()).isLessThan(original.readableBytes());
      restored = compressor.decompress(compressed, alloc, 2 * 1024 * 1024);
      assertThat(restored).isEqualTo(original);
      assertThat(compressed.readerIndex()).isZero();
    } finally {
      original.release();
      compressed.release();
      if (restored != null) {
        restored.release();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("compressors")
  void roundTripsAnEmptyBody(Compressor compressor) {
    ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    ByteBuf empty = alloc.buffer();
    ByteBuf compressed = alloc.buffer();
    try {
      compressor.compress(empty, compressed);
      ByteBuf restored = compressor.decompress(compressed, alloc, 100);
      assertThat(restored.readableBytes()).isZero();
      restored.release();
    } finally {
      empty.release();
      compressed.release();
    }
  }

  @ParameterizedTest
  @MethodSource("compressors")
  void rejectsADeclaredLengthOverTheLimitBeforeAllocating(Compressor compressor) {
    ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    ByteBuf original = body(alloc, 10_000, 1);
    ByteBuf compressed = alloc.buffer();
    try {
      compressor.compress(original, compressed);
      assertThatThrownBy(() -> compressor.decompress(compressed, alloc, 9_999))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("over the frame limit of 9999");
    } finally {
      original.release();
      compressed.release();
    }
  }

  @org.junit.jupiter.api.Test
  void lz4RejectsNegativeAndImpossibleDeclaredLengths() {
    Compressor lz4 = Compressors.lz4();
    ByteBuf negative = Hex.buf("ff ff ff ff 00");
    // a bomb: 16 MiB claimed from 5 compressed bytes
    ByteBuf bomb = Hex.buf("01 00 00 00 1f 00 01 00 00");
    ByteBuf garbage = Hex.buf("00 00 00 10 ff ff ff ff ff");
    try {
      assertThatThrownBy(() -> lz4.decompress(negative, UnpooledByteBufAllocator.DEFAULT, 1 << 28))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("negative length -1");
      assertThatThrownBy(() -> lz4.decompress(bomb, UnpooledByteBufAllocator.DEFAULT, 1 << 28))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("cannot come from 5 compressed bytes");
      assertThatThrownBy(() -> lz4.decompress(garbage, UnpooledByteBufAllocator.DEFAULT, 1 << 28))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("lz4.body");
    } finally {
      negative.release();
      bomb.release();
      garbage.release();
    }
  }

  @org.junit.jupiter.api.Test
  void snappyRejectsImpossibleLengthsAndGarbage() {
    Compressor snappy = Compressors.snappy();
    ByteBuf bomb = Hex.buf("80 80 80 80 01 00"); // varint 2^28 from 6 bytes
    ByteBuf garbage = Hex.buf("0a ff ff ff ff ff ff");
    try {
      assertThatThrownBy(() -> snappy.decompress(bomb, UnpooledByteBufAllocator.DEFAULT, 1 << 28))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("snappy.uncompressed_length");
      assertThatThrownBy(
              () -> snappy.decompress(garbage, UnpooledByteBufAllocator.DEFAULT, 1 << 28))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("snappy.body");
    } finally {
      bomb.release();
      garbage.release();
    }
  }

  @ParameterizedTest
  @MethodSource("compressors")
  void framesAreCompressedExceptStartupAndOptions(Compressor compressor) {
    ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    FrameCodec codec = FrameCodec.defaults().withCompressor(compressor);
    String longQuery = "SELECT * FROM ks.t WHERE k = 1 ".repeat(50);
    ByteBuf prepare = codec.encode(alloc, RequestEnvelope.of(3, new Prepare(longQuery)));
    ByteBuf startup =
        codec.encode(alloc, RequestEnvelope.of(0, new Startup(java.util.Map.of("A", "b"))));
    ByteBuf options = codec.encode(alloc, RequestEnvelope.of(0, new Options()));
    try {
      assertThat(prepare.getByte(1) & FrameFlags.COMPRESSION).isEqualTo(FrameFlags.COMPRESSION);
      assertThat(prepare.readableBytes()).isLessThan(longQuery.length());
      assertThat(startup.getByte(1) & FrameFlags.COMPRESSION).isZero();
      assertThat(options.getByte(1) & FrameFlags.COMPRESSION).isZero();
      Frame frame = FrameDecoder.forServer().decode(prepare);
      try {
        assertThat(codec.decodeRequest(frame).message()).isEqualTo(new Prepare(longQuery));
      } finally {
        frame.release();
      }
    } finally {
      prepare.release();
      startup.release();
      options.release();
    }
  }

  @ParameterizedTest
  @MethodSource("compressors")
  void compressedResponseRoundTripsAndNeedsANegotiatedCompressor(Compressor compressor) {
    ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    FrameCodec codec = FrameCodec.defaults().withCompressor(compressor);
    Supported supported = new Supported(java.util.Map.of("COMPRESSION", List.of("lz4", "snappy")));
    ByteBuf wire = codec.encode(alloc, ResponseEnvelope.of(1, supported));
    Frame frame = FrameDecoder.forClient().decode(wire);
    try {
      assertThat(codec.decodeResponse(frame).message()).isEqualTo(supported);
      assertThatThrownBy(() -> FrameCodec.defaults().decodeResponse(frame))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("no compression was negotiated");
    } finally {
      frame.release();
      wire.release();
    }
    assertThat(wire.refCnt()).isZero();
  }

  @org.junit.jupiter.api.Test
  void unknownAlgorithmIsAClearError() {
    assertThatThrownBy(() -> Compressors.forAlgorithm("zstd"))
        .isInstanceOf(CqlException.class)
        .hasMessageContaining("'zstd'");
    assertThat(Compressors.forAlgorithm("lz4").algorithm()).isEqualTo("lz4");
    assertThat(new Register(List.of()).opcode().isRequest()).isTrue();
  }
}
