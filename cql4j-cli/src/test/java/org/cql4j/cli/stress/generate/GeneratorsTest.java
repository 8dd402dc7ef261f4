package org.cql4j.cli.stress.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

  private static String hex(Generator g, ColumnType type, long index) {
    ByteBuf out = Unpooled.buffer();
    try {
      g.writerFor(type).write(index, out);
      return ByteBufUtil.hexDump(out);
    } finally {
      out.release();
    }
  }

  private static long number(String expression, long index) {
    return ((NumberGenerator) Generators.parse("g", expression, 42)).next(index);
  }

  @Test
  void aSequenceCountsFromItsStartAndWrapsAfterItsEnd() {
    assertThat(new long[] {number("seq(5, 7)", 0), number("seq(5, 7)", 2), number("seq(5, 7)", 3)})
        .containsExactly(5, 7, 5);
  }

  @Test
  void numbersAreWrittenAsTheMarkersTypeWithTheSpecsLengths() {
    Generator seven = Generators.parse("g", "7", 1);
    // native_protocol_v4.spec §6: [int] length, then big-endian bytes
    assertThat(hex(seven, ColumnType.Native.BIGINT, 0)).isEqualTo("000000080000000000000007");
    assertThat(hex(seven, ColumnType.Native.INT, 0)).isEqualTo("0000000400000007");
    assertThat(hex(seven, ColumnType.Native.SMALLINT, 0)).isEqualTo("000000020007");
    assertThat(hex(seven, ColumnType.Native.TINYINT, 0)).isEqualTo("0000000107");
    assertThat(hex(seven, ColumnType.Native.DOUBLE, 0)).isEqualTo("00000008401c000000000000");
    assertThat(hex(seven, ColumnType.Native.VARINT, 0)).isEqualTo("0000000107");
    assertThat(hex(Generators.parse("g", "-1234", 1), ColumnType.Native.TEXT, 0))
        .isEqualTo("00000005" + ByteBufUtil.hexDump("-1234".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void uniformDrawsStayInTheirBoundsAndReachBoth() {
    Set<Long> seen = new HashSet<>();
    for (long i = 0; i < 10_000; i++) {
      seen.add(number("uniform(-2, 2)", i));
    }
    assertThat(seen).containsExactlyInAnyOrder(-2L, -1L, 0L, 1L, 2L);
  }

  @Test
  void theSameSeedGivesTheSameValuesAndAnotherSeedOthers() {
    Generator a = Generators.parse("k", "uniform(0, 1000000000)", 7);
    Generator b = Generators.parse("k", "uniform(0, 1000000000)", 7);
    Generator c = Generators.parse("k", "uniform(0, 1000000000)", 8);
    assertThat(hex(a, ColumnType.Native.BIGINT, 99))
        .isEqualTo(hex(b, ColumnType.Native.BIGINT, 99));
    assertThat(hex(a, ColumnType.Native.BIGINT, 99))
        .isNotEqualTo(hex(c, ColumnType.Native.BIGINT, 99));
  }

  @Test
  void zipfFavoursLowRanksByTheExponent() {
    long[] counts = new long[1000];
    int draws = 400_000;
    for (long i = 0; i < draws; i++) {
      long rank = number("zipf(1000, 1.0)", i);
      assertThat(rank).isBetween(0L, 999L);
      counts[(int) rank]++;
    }
    // with exponent 1, rank r (0-based) has weight 1/(r+1): rank 0 twice rank 1, ten times rank 9
    assertThat((double) counts[0] / counts[1]).isBetween(1.9, 2.1);
    assertThat((double) counts[0] / counts[9]).isBetween(9.0, 11.0);
    double harmonic = 0;
    for (int r = 1; r <= 1000; r++) {
      harmonic += 1.0 / r;
    }
    assertThat((double) counts[0] / draws).isBetween(0.97 / harmonic, 1.03 / harmonic);
  }

  @Test
  void textIsLowercaseLettersOfALengthInItsRange() {
    Generator text = Generators.parse("t", "text(3, 20)", 1);
    Set<Integer> lengths = new HashSet<>();
    for (long i = 0; i < 2_000; i++) {
      ByteBuf out = Unpooled.buffer();
      try {
        text.writerFor(ColumnType.Native.TEXT).write(i, out);
        int length = out.readInt();
        assertThat(out.readableBytes()).isEqualTo(length);
        assertThat(out.toString(StandardCharsets.US_ASCII)).matches("[a-z]*");
        lengths.add(length);
      } finally {
        out.release();
      }
    }
    assertThat(lengths).hasSize(18).contains(3, 20);
  }

  @Test
  void aUuidHasVersion4AndTheRfcVariant() {
    String hex = hex(Generators.parse("u", "uuid()", 1), ColumnType.Native.UUID, 5);
    assertThat(hex).startsWith("00000010").hasSize(8 + 32);
    assertThat(hex.charAt(8 + 12)).isEqualTo('4');
    assertThat(hex.charAt(8 + 16)).isIn('8', '9', 'a', 'b');
  }

  @Test
  void aGeneratorRefusesAMarkerTypeItCannotMake() {
    assertThatThrownBy(() -> Generators.parse("u", "uuid()", 1).writerFor(ColumnType.Native.INT))
        .hasMessage("uuid() makes uuid values, not int");
    assertThatThrownBy(
            () -> Generators.parse("t", "text(5)", 1).writerFor(ColumnType.Native.BIGINT))
        .hasMessage("text(5) makes text or blob, not bigint");
    assertThatThrownBy(
            () ->
                Generators.parse("n", "seq(1, 2)", 1)
                    .writerFor(new ColumnType.ListType(ColumnType.Native.INT)))
        .hasMessageContaining("seq(1, 2) makes numbers, not list<int>");
  }

  @Test
  void badExpressionsAreNamedWithWhatIsAccepted() {
    assertThatThrownBy(() -> Generators.parse("g", "gaussian(1, 2)", 1))
        .hasMessageStartingWith("unknown generator 'gaussian'; write one of seq(start, end)");
    assertThatThrownBy(() -> Generators.parse("g", "uniform(1)", 1))
        .hasMessage("uniform(1) takes 2 argument(s), not 1");
    assertThatThrownBy(() -> Generators.parse("g", "uniform(9, 1)", 1))
        .hasMessage("uniform(9, 1): the maximum is below the minimum");
    assertThatThrownBy(() -> Generators.parse("g", "seq(a, 2)", 1))
        .hasMessageStartingWith("seq(a, 2): an argument is not a number");
    assertThatThrownBy(() -> Generators.parse("g", "zipf(10, 0)", 1))
        .hasMessage("zipf needs an exponent above 0, not 0.0");
    assertThatThrownBy(() -> Generators.parse("g", "what", 1))
        .hasMessageStartingWith("'what' is not a generator");
  }
}
