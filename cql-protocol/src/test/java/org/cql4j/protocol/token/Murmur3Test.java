package org.cql4j.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Murmur3Test {

  /** Tokens computed by the Apache Java driver 4.19.3's Murmur3TokenFactory for the same bytes. */
  @ParameterizedTest
  @CsvSource({
    "'', 0",
    "00, 5048724184180415669",
    "ff, -4442228696663692417",
    "00000001, -4069959284402364209",
    "0102030405060708, -7140443302367346724",
    "000102030405060708090a0b0c0d0e, 5125964547706398185",
    "000102030405060708090a0b0c0d0e0f, 4920504430128807728",
    "000102030405060708090a0b0c0d0e0f10, 6662781046685680142",
    "80818283848586878889, -7623170703309721106",
    "68656c6c6f20776f726c6421, 6532475073400519651",
    "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8, -5655638663034853330"
  })
  void tokensMatchTheJavaDrivers(String hex, long expected) {
    byte[] key = HexFormat.of().parseHex(hex);
    assertThat(Murmur3.token(key)).isEqualTo(expected);
  }

  @Test
  void readsTheKeyInPlaceWithoutMovingTheBuffer() {
    byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f10");
    ByteBuf frame = Unpooled.buffer().writeBytes(new byte[] {9, 9, 9}).writeBytes(key).writeByte(7);
    assertThat(Murmur3.token(frame, 3, key.length)).isEqualTo(6662781046685680142L);
    assertThat(frame.readerIndex()).isZero();
  }

  @Test
  void compositeTokenHashesTheCompositeLayoutOfTheComponents() {
    Random random = new Random(42);
    for (int round = 0; round < 1_000; round++) {
      int count = 1 + random.nextInt(4);
      ByteBuf[] components = new ByteBuf[count];
      ByteBuf layout = Unpooled.buffer();
      for (int i = 0; i < count; i++) {
        byte[] value = new byte[random.nextInt(40)];
        random.nextBytes(value);
        components[i] = Unpooled.wrappedBuffer(value);
        layout.writeShort(value.length).writeBytes(value).writeByte(0);
      }
      assertThat(Murmur3.compositeToken(components))
          .isEqualTo(Murmur3.token(layout, 0, layout.readableBytes()));
    }
  }

  @Test
  void aComponentTooLongForACompositeKeyIsRefused() {
    assertThatThrownBy(
            () ->
                Murmur3.compositeToken(
                    Unpooled.buffer(1), Unpooled.wrappedBuffer(new byte[70_000])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000 bytes");
  }

  @Test
  void eightTailBytesAtOnceMatchCassandrasByteAtATimeSignExtension() {
    Random random = new Random(7);
    long[] samples = new long[1002];
    samples[0] = 0x8080808080808080L;
    samples[1] = 0x7f7f7f7f7f7f7f7fL;
    for (int i = 2; i < samples.length; i++) {
      samples[i] = random.nextLong();
    }
    for (long v : samples) {
      long expected = 0;
      for (int i = 0; i < 8; i++) {
        long b = (byte) (v >>> (8 * i)); // sign-extended, as MurmurHash.hash3_x64_128 reads it
        expected ^= b << (8 * i);
      }
      assertThat(Murmur3.signExtendedBytes(v)).as("%016x", v).isEqualTo(expected);
    }
  }
}
