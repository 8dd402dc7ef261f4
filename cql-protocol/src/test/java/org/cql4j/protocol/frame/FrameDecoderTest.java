package org.cql4j.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.internal.wire.Hex;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  @Test
  void returnsNullUntilTheWholeFrameArrivesThenConsumesIt() {
    byte[] frame = Hex.bytes("84 00 00 07 08 00 00 00 04 00 00 00 01");
    ByteBuf cumulation = Unpooled.buffer();
    FrameDecoder decoder = FrameDecoder.forClient();
    try {
      for (int n = 0; n < frame.length - 1; n++) {
        cumulation.writeByte(frame[n]);
        assertThat(decoder.decode(cumulation)).isNull();
        assertThat(cumulation.readerIndex()).isZero();
      }
      cumulation.writeByte(frame[frame.length - 1]);
      Frame f = decoder.decode(cumulation);
      try {
        assertThat(f.header().streamId()).isEqualTo(7);
        assertThat(f.header().opcode()).isEqualTo(Opcode.RESULT);
        assertThat(f.header().bodyLength()).isEqualTo(4);
        assertThat(Hex.of(f.body())).isEqualTo("00 00 00 01");
        assertThat(cumulation.isReadable()).isFalse();
        assertThat(cumulation.refCnt()).isEqualTo(2); // the body slice retains the cumulation
      } finally {
        f.release();
      }
      assertThat(cumulation.refCnt()).isEqualTo(1);
    } finally {
      cumulation.release();
    }
  }

  @Test
  void decodesBackToBackFramesAndEventStreamMinusOne() {
    ByteBuf cumulation =
        Hex.buf("84 00 00 01 02 00 00 00 00 84 0a ff ff 0c 00 00 00 00 84 00 00 02");
    FrameDecoder decoder = FrameDecoder.forClient();
    try {
      Frame first = decoder.decode(cumulation);
      Frame second = decoder.decode(cumulation);
      assertThat(first.header().opcode()).isEqualTo(Opcode.READY);
      assertThat(second.header().streamId()).isEqualTo(-1);
      assertThat(second.header().hasFlag(FrameFlags.TRACING)).isTrue();
      assertThat(second.header().hasFlag(FrameFlags.WARNING)).isTrue();
      assertThat(second.header().hasFlag(FrameFlags.COMPRESSION)).isFalse();
      assertThat(decoder.decode(cumulation)).isNull();
      first.release();
      second.release();
    } finally {
      cumulation.release();
    }
  }

  @Test
  void rejectsOversizedLengthAsSoonAsTheHeaderArrives() {
    ByteBuf header = Hex.buf("84 00 00 01 08 10 00 00 01");
    try {
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(header))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("frame.length at offset 5")
          .hasMessageContaining("268435457 is over the limit of 268435456");
      assertThatThrownBy(
              () -> new FrameDecoder(1000, true).decode(Hex.buf("84 00 00 01 08 00 00 03 e9")))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("over the limit of 1000");
    } finally {
      header.release();
    }
  }

  @Test
  void rejectsNegativeLength() {
    ByteBuf header = Hex.buf("84 00 00 01 08 ff ff ff fe");
    try {
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(header))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("4294967294 is negative");
    } finally {
      header.release();
    }
  }

  @Test
  void rejectsUnknownOpcodeVersionAndDirection() {
    ByteBuf opcode = Hex.buf("84 00 00 01 04 00 00 00 00");
    ByteBuf version = Hex.buf("83 00 00 01 02 00 00 00 00");
    ByteBuf request = Hex.buf("04 00 00 01 05 00 00 00 00");
    ByteBuf requestOpcodeInResponse = Hex.buf("84 00 00 01 07 00 00 00 00");
    try {
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(opcode))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("frame.opcode at offset 4: unknown opcode 0x4");
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(version))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("unsupported protocol version 3");
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(request))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("expected a response frame");
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(requestOpcodeInResponse))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("QUERY is not a response");
    } finally {
      opcode.release();
      version.release();
      request.release();
      requestOpcodeInResponse.release();
    }
  }

  @Test
  void reportsOffsetsRelativeToTheCumulationStart() {
    ByteBuf cumulation = Hex.buf("84 00 00 01 02 00 00 00 00 84 00 00 01 20 00 00 00 00");
    try {
      FrameDecoder.forClient().decode(cumulation).release();
      assertThatThrownBy(() -> FrameDecoder.forClient().decode(cumulation))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("offset 13");
    } finally {
      cumulation.release();
    }
  }
}
