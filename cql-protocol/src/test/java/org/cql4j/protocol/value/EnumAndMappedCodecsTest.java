package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.protocol.value.CodecTestSupport.decode;
import static org.cql4j.protocol.value.CodecTestSupport.encode;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

/**
 * The built-in enum codecs (a constant as its name; the mapper's {@code @CqlName} renames are
 * covered with the processor, which owns the annotation) and {@link Codecs#mappedDeserializer},
 * {@link Codecs#mappedSerializer}.
 */
class EnumAndMappedCodecsTest {
  enum Planet {
    MERCURY,
    VENUS {
      @Override
      public String toString() {
        return "a constant with a body is an anonymous subclass";
      }
    },
    ÉTÉ
  }

  /** "VENUS" as text: [bytes] of 5 UTF-8 bytes. */
  private static final String VENUS = "56454e5553";

  @Test
  void aConstantIsWrittenAndReadAsItsName() {
    assertThat(encode(Codecs.serializer(Planet.class), ColumnType.TEXT, Planet.VENUS))
        .isEqualTo(VENUS);
    assertThat(decode(Codecs.deserializer(Planet.class), ColumnType.ASCII, VENUS))
        .isSameAs(Planet.VENUS);
    assertThat(decode(Codecs.deserializer(Planet.class), ColumnType.TEXT, "c38954c389"))
        .isSameAs(Planet.ÉTÉ);
  }

  @Test
  void aBoundConstantFindsItsEnumsCodecEvenWithABody() {
    List<ColumnSpec> markers =
        List.of(
            new ColumnSpec("ks", "t", "p", ColumnType.TEXT),
            new ColumnSpec("ks", "t", "q", ColumnType.ASCII));
    var out = Unpooled.buffer();
    try {
      Values.of(Planet.VENUS, Planet.MERCURY).serialize(markers, new RowWriter(out));
      assertThat(ByteBufUtil.hexDump(out))
          .isEqualTo("00000005" + VENUS + "00000007" + "4d455243555259");
    } finally {
      out.release();
    }
  }

  @Test
  void anUnknownNameIsADeserializationExceptionNamingItAndTheNames() {
    assertThatThrownBy(
            () -> decode(Codecs.deserializer(Planet.class), ColumnType.TEXT, "504c55544f"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining(Planet.class.getName())
        .hasMessageContaining("'PLUTO' is none of the enum's names [MERCURY, VENUS, ÉTÉ]");
  }

  @Test
  void anEnumMapsToTextAndAsciiOnly() {
    assertThatThrownBy(() -> Codecs.deserializer(Planet.class).bind(ColumnType.INT))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("an enum maps to text or ascii");
    assertThatThrownBy(() -> Codecs.serializer(Planet.class).bind(ColumnType.UUID))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("an enum maps to text or ascii");
    assertThatThrownBy(() -> encode(Codecs.serializer(Planet.class), ColumnType.ASCII, Planet.ÉTÉ))
        .as("a name that is not ASCII, like any text, cannot be written to an ascii column")
        .isInstanceOf(SerializationException.class);
  }

  record Celsius(double degrees) {}

  @Test
  void mappedCodecsConvertNonNullValuesOnly() {
    DeserializeValue<Celsius> read =
        Codecs.mappedDeserializer("Celsius", Codecs.deserializer(Double.class), Celsius::new);
    SerializeValue<Celsius> write =
        Codecs.mappedSerializer("Celsius", Codecs.serializer(Double.class), Celsius::degrees);
    assertThat(encode(write, ColumnType.DOUBLE, new Celsius(1.5))).isEqualTo("3ff8000000000000");
    assertThat(decode(read, ColumnType.DOUBLE, "3ff8000000000000")).isEqualTo(new Celsius(1.5));
    assertThat(read.bind(ColumnType.DOUBLE).decode(null)).as("null, not Celsius(0.0)").isNull();
    assertThatThrownBy(() -> read.bind(ColumnType.TEXT))
        .as("the inner codec decides which CQL types fit")
        .isInstanceOf(TypeCheckException.class);
  }

  @Test
  void aMappedListReadsANullNonFrozenCollectionAsEmpty() {
    record Tags(List<String> values) {}
    DeserializeValue<Tags> read =
        Codecs.mappedDeserializer(
            "Tags", Codecs.listDeserializer(Codecs.deserializer(String.class)), Tags::new);
    assertThat(read.bindNonFrozenCollection(ColumnType.list(ColumnType.TEXT)).decode(null))
        .isEqualTo(new Tags(List.of()));
    assertThat(read.bind(ColumnType.list(ColumnType.TEXT)).decode(null)).isNull();
  }
}
