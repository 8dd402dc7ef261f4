package org.cql4j.protocol.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.SerialConsistency;
import org.junit.jupiter.api.Test;

class WireReaderTest {

  @Test
  void readsFixedWidthNotationsBigEndian() {
    ByteBuf in = Hex.buf("7f ff fe 00 00 00 2a 00 00 00 00 00 00 00 07");
    try {
      assertThat(WireReader.readByte(in, "b")).isEqualTo((byte) 0x7f);
      assertThat(WireReader.readShort(in, "s")).isEqualTo(0xfffe);
      assertThat(WireReader.readInt(in, "i")).isEqualTo(42);
      assertThat(WireReader.readLong(in, "l")).isEqualTo(7L);
      assertThat(in.isReadable()).isFalse();
    } finally {
      in.release();
    }
  }

  @Test
  void readsStringsAsUtf8() {
    ByteBuf in = Hex.buf("00 03 61 c3 a9 00 00 00 02 68 69");
    try {
      assertThat(WireReader.readString(in, "s")).isEqualTo("aé");
      assertThat(WireReader.readLongString(in, "ls")).isEqualTo("hi");
    } finally {
      in.release();
    }
  }

  @Test
  void rejectsStringLongerThanRemainingBytesNamingFieldAndOffset() {
    ByteBuf in = Hex.buf("00 00 ff ff 61");
    try {
      in.skipBytes(2);
      assertThatThrownBy(() -> WireReader.readString(in, "STARTUP.options"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("STARTUP.options")
          .hasMessageContaining("offset 4")
          .satisfies(e -> assertThat(((ProtocolException) e).field()).isEqualTo("STARTUP.options"));
    } finally {
      in.release();
    }
  }

  @Test
  void rejectsNegativeLongStringLength() {
    ByteBuf in = Hex.buf("ff ff ff fb");
    try {
      assertThatThrownBy(() -> WireReader.readLongString(in, "QUERY.query"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("negative length -5")
          .hasMessageContaining("offset 0");
    } finally {
      in.release();
    }
  }

  @Test
  void rejectsHugeListCountBeforeAllocating() {
    ByteBuf in = Hex.buf("ff ff 00 01 61");
    try {
      assertThatThrownBy(() -> WireReader.readStringList(in, "list"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("needs 131070 bytes");
    } finally {
      in.release();
    }
  }

  @Test
  void readsBytesWithNullForNegativeLength() {
    ByteBuf in = Hex.buf("00 00 00 02 ca fe ff ff ff ff 00 00 00 01 01");
    try {
      assertThat(WireReader.readBytes(in, "b")).containsExactly(0xca, 0xfe);
      assertThat(WireReader.readBytes(in, "b")).isNull();
      ByteBuf slice = WireReader.readBytesSlice(in, "b");
      assertThat(slice.readableBytes()).isEqualTo(1);
      assertThat(slice.getByte(0)).isEqualTo((byte) 1);
    } finally {
      in.release();
    }
  }

  @Test
  void rejectsHugeBytesLengthBeforeAllocating() {
    ByteBuf in = Hex.buf("7f ff ff ff 00");
    try {
      assertThatThrownBy(() -> WireReader.readBytes(in, "RESULT.cell"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("needs 2147483647 bytes but only 1 remain");
    } finally {
      in.release();
    }
  }

  @Test
  void readsValueLengthsWithNullAndUnsetAndRejectsBelowMinusTwo() {
    ByteBuf in = Hex.buf("ff ff ff ff ff ff ff fe 00 00 00 01 aa ff ff ff fd");
    try {
      assertThat(WireReader.readValueLength(in, "v")).isEqualTo(WireReader.NULL_LENGTH);
      assertThat(WireReader.readValueLength(in, "v")).isEqualTo(WireReader.UNSET_LENGTH);
      assertThat(WireReader.readValueLength(in, "v")).isEqualTo(1);
      in.skipBytes(1);
      assertThatThrownBy(() -> WireReader.readValueLength(in, "EXECUTE.values"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("invalid [value] length -3")
          .hasMessageContaining("offset 13");
    } finally {
      in.release();
    }
  }

  @Test
  void readsShortBytesUuidAndAddresses() {
    ByteBuf in =
        Hex.buf(
            "00 02 01 02"
                + " 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"
                + " 04 7f 00 00 01 00 00 23 52"
                + " 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01");
    try {
      assertThat(WireReader.readShortBytes(in, "id")).containsExactly(1, 2);
      assertThat(WireReader.readUuid(in, "u"))
          .isEqualTo(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));
      assertThat(WireReader.readInet(in, "inet"))
          .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9042));
      assertThat(WireReader.readInetAddr(in, "addr").getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    } finally {
      in.release();
    }
  }

  @Test
  void rejectsInetAddressSizeOtherThanFourOrSixteen() {
    ByteBuf in = Hex.buf("05 01 02 03 04 05");
    try {
      assertThatThrownBy(() -> WireReader.readInetAddr(in, "EVENT.address"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("address size 5");
    } finally {
      in.release();
    }
  }

  @Test
  void readsEveryConsistencyAndRejectsUnknownCode() {
    ByteBuf in = Hex.buf("00 00 00 08 00 0a 00 09 00 0b");
    try {
      assertThat(WireReader.readConsistency(in, "c")).isEqualTo(Consistency.ANY);
      assertThat(WireReader.readConsistency(in, "c")).isEqualTo(Consistency.SERIAL);
      assertThat(WireReader.readConsistency(in, "c")).isEqualTo(Consistency.LOCAL_ONE);
      assertThat(WireReader.readSerialConsistency(in, "c"))
          .isEqualTo(SerialConsistency.LOCAL_SERIAL);
      assertThatThrownBy(() -> WireReader.readConsistency(in, "QUERY.consistency"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("QUERY.consistency")
          .hasMessageContaining("offset 8")
          .hasMessageContaining("0xb");
    } finally {
      in.release();
    }
  }

  @Test
  void rejectsRegularConsistencyWhereSerialIsRequired() {
    ByteBuf in = Hex.buf("00 01");
    try {
      assertThatThrownBy(() -> WireReader.readSerialConsistency(in, "serial"))
          .isInstanceOf(ProtocolException.class);
    } finally {
      in.release();
    }
  }

  @Test
  void roundTripsMapsThroughWriterAndReader() {
    Map<String, String> strings = new LinkedHashMap<>();
    strings.put("CQL_VERSION", "3.0.0");
    strings.put("COMPRESSION", "lz4");
    Map<String, List<String>> multi = new LinkedHashMap<>();
    multi.put("COMPRESSION", List.of("snappy", "lz4"));
    multi.put("EMPTY", List.of());
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    bytes.put("k", new byte[] {1, 2});
    bytes.put("n", null);
    ByteBuf buf = Unpooled.buffer();
    try {
      WireWriter.writeStringMap(buf, strings, "m");
      WireWriter.writeStringMultimap(buf, multi, "mm");
      WireWriter.writeBytesMap(buf, bytes, "bm");
      assertThat(WireReader.readStringMap(buf, "m")).containsExactlyEntriesOf(strings);
      assertThat(WireReader.readStringMultimap(buf, "mm")).containsExactlyEntriesOf(multi);
      Map<String, byte[]> read = WireReader.readBytesMap(buf, "bm");
      assertThat(read.keySet()).containsExactly("k", "n");
      assertThat(read.get("k")).containsExactly(1, 2);
      assertThat(read.get("n")).isNull();
      assertThat(buf.isReadable()).isFalse();
    } finally {
      buf.release();
    }
  }

  @Test
  void writesStringMapBytesExactly() {
    ByteBuf buf = Unpooled.buffer();
    try {
      WireWriter.writeStringMap(buf, Map.of("A", "b"), "m");
      assertThat(Hex.of(buf)).isEqualTo("00 01 00 01 41 00 01 62");
    } finally {
      buf.release();
    }
  }

  @Test
  void refusesToWriteStringOverShortLimit() {
    ByteBuf buf = Unpooled.buffer();
    try {
      assertThatThrownBy(() -> WireWriter.writeString(buf, "x".repeat(70_000), "STARTUP.key"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("STARTUP.key");
      assertThat(buf.writerIndex()).isZero();
    } finally {
      buf.release();
    }
  }
}
