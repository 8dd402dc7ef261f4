package org.cql4j.protocol.internal.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ColumnTypeCodecTest {

  private static ByteBuf bytes(int... b) {
    ByteBuf buf = Unpooled.buffer();
    for (int x : b) {
      buf.writeByte(x);
    }
    return buf;
  }

  private static ColumnType readAll(ByteBuf buf) {
    try {
      ColumnType t = ColumnTypeCodec.read(buf);
      assertThat(buf.readableBytes()).as("bytes left after the option").isZero();
      return t;
    } finally {
      buf.release();
    }
  }

  private static ByteBuf custom(String className) {
    ByteBuf buf = Unpooled.buffer();
    buf.writeShort(0);
    byte[] b = className.getBytes(StandardCharsets.UTF_8);
    buf.writeShort(b.length).writeBytes(b);
    return buf;
  }

  @ParameterizedTest
  @EnumSource(value = ColumnType.Native.class, names = "DURATION", mode = EnumSource.Mode.EXCLUDE)
  void readsEveryNativeOptionId(ColumnType.Native type) {
    assertThat(readAll(bytes(0, type.id()))).isSameAs(type);
  }

  @Test
  void readsVarcharIdAsTextAndDurationIdFromV5() {
    assertThat(readAll(bytes(0x00, 0x0D))).isSameAs(ColumnType.TEXT);
    assertThat(readAll(bytes(0x00, 0x15))).isSameAs(ColumnType.DURATION);
  }

  @Test
  void readsNativeIdsWithTheirSpecValues() {
    assertThat(readAll(bytes(0, 0x09))).isEqualTo(ColumnType.INT);
    assertThat(readAll(bytes(0, 0x0B))).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(readAll(bytes(0, 0x14))).isEqualTo(ColumnType.TINYINT);
  }

  @Test
  void readsMapOfTextToListOfIntAndPrintsItInCql() {
    ColumnType t = readAll(bytes(0x00, 0x21, 0x00, 0x0D, 0x00, 0x20, 0x00, 0x09));
    assertThat(t).isEqualTo(ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT)));
    assertThat(t).hasToString("map<text, frozen<list<int>>>");
  }

  @Test
  void readsSetTupleAndUdt() {
    assertThat(readAll(bytes(0x00, 0x22, 0x00, 0x02))).isEqualTo(ColumnType.set(ColumnType.BIGINT));
    ColumnType tuple = readAll(bytes(0x00, 0x31, 0x00, 0x02, 0x00, 0x09, 0x00, 0x0D));
    assertThat(tuple).isEqualTo(ColumnType.tuple(ColumnType.INT, ColumnType.TEXT));
    assertThat(tuple).hasToString("tuple<int, text>");

    ByteBuf udt = Unpooled.buffer();
    udt.writeShort(0x30);
    udt.writeShort(2).writeBytes("ks".getBytes(StandardCharsets.UTF_8));
    udt.writeShort(4).writeBytes("addr".getBytes(StandardCharsets.UTF_8));
    udt.writeShort(2);
    udt.writeShort(6).writeBytes("street".getBytes(StandardCharsets.UTF_8)).writeShort(0x0D);
    udt.writeShort(4).writeBytes("tags".getBytes(StandardCharsets.UTF_8)).writeShort(0x22);
    udt.writeShort(0x0D);
    ColumnType.UserType u = (ColumnType.UserType) readAll(udt);
    assertThat(u.keyspace()).isEqualTo("ks");
    assertThat(u.name()).isEqualTo("addr");
    assertThat(u.fields())
        .containsExactly(
            new ColumnType.UserType.Field("street", ColumnType.TEXT),
            new ColumnType.UserType.Field("tags", ColumnType.set(ColumnType.TEXT)));
    assertThat(u.indexOf("tags")).isEqualTo(1);
    assertThat(ColumnType.list(u)).hasToString("list<frozen<ks.addr>>");
  }

  @Test
  void readsCassandraVectorCustomString() {
    ColumnType t =
        readAll(
            custom(
                "org.apache.cassandra.db.marshal.VectorType("
                    + "org.apache.cassandra.db.marshal.FloatType , 3)"));
    assertThat(t).isEqualTo(ColumnType.vector(ColumnType.FLOAT, 3));
    assertThat(t).hasToString("vector<float, 3>");
  }

  @Test
  void readsNestedMarshalTypesInsideVector() {
    ColumnType t =
        readAll(
            custom(
                "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FrozenType("
                    + "org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type)),2)"));
    assertThat(t).isEqualTo(ColumnType.vector(ColumnType.list(ColumnType.INT), 2));
    assertThat(t).hasToString("vector<frozen<list<int>>, 2>");
  }

  @Test
  void readsDurationCustomTypeAsDuration() {
    assertThat(readAll(custom("org.apache.cassandra.db.marshal.DurationType")))
        .isSameAs(ColumnType.DURATION);
  }

  @Test
  void keepsUnknownCustomTypeAsCustom() {
    ColumnType t = readAll(custom("com.example.PointType"));
    assertThat(t).isEqualTo(new ColumnType.Custom("com.example.PointType"));
    assertThat(t).hasToString("'com.example.PointType'");
    assertThat(readAll(custom("org.apache.cassandra.db.marshal.VectorType(Nope, 3)")))
        .isInstanceOf(ColumnType.Custom.class);
  }

  @Test
  void writesAndReadsBackEveryKindOfType() {
    ColumnType.UserType udt =
        new ColumnType.UserType(
            "ks",
            "Person Ü",
            List.of(
                new ColumnType.UserType.Field("name", ColumnType.TEXT),
                new ColumnType.UserType.Field("ids", ColumnType.list(ColumnType.UUID))));
    List<ColumnType> types =
        List.of(
            ColumnType.DURATION,
            ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT)),
            ColumnType.tuple(ColumnType.INT, udt, ColumnType.vector(ColumnType.TEXT, 2)),
            ColumnType.vector(ColumnType.FLOAT, 1536),
            ColumnType.vector(udt, 2),
            ColumnType.set(ColumnType.vector(ColumnType.tuple(ColumnType.DURATION), 4)),
            new ColumnType.Custom("com.example.X"));
    for (ColumnType type : types) {
      ByteBuf buf = Unpooled.buffer();
      ColumnTypeCodec.write(type, buf);
      assertThat(readAll(buf)).as("round trip of %s", type).isEqualTo(type);
    }
  }

  @Test
  void writesDurationAsV4CustomType() {
    ByteBuf buf = Unpooled.buffer();
    try {
      ColumnTypeCodec.write(ColumnType.DURATION, buf);
      assertThat(buf.readShort()).isZero();
      assertThat(
              buf.toString(buf.readerIndex() + 2, buf.readableBytes() - 2, StandardCharsets.UTF_8))
          .isEqualTo("org.apache.cassandra.db.marshal.DurationType");
    } finally {
      buf.release();
    }
  }

  @Test
  void printsQuotedIdentifiersForUdtsWithUpperCaseNames() {
    assertThat(new ColumnType.UserType("Ks", "my_type", List.of())).hasToString("\"Ks\".my_type");
  }

  @Test
  void rejectsUnknownTypeIdNamingFieldAndOffset() {
    ByteBuf buf = bytes(0x00, 0x20, 0x00, 0x0A);
    assertThatThrownBy(() -> readAll(buf))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("option.id")
        .hasMessageContaining("offset 2")
        .hasMessageContaining("0xa");
  }

  @Test
  void rejectsTruncatedOption() {
    assertThatThrownBy(() -> readAll(bytes(0x00)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("needs 2 bytes");
    assertThatThrownBy(() -> readAll(bytes(0x00, 0x21, 0x00, 0x09)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("offset 4");
    assertThatThrownBy(() -> readAll(bytes(0x00, 0x00, 0x00, 0x10, 'a')))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("option.custom")
        .hasMessageContaining("string length 16");
  }

  @Test
  void rejectsAbsurdFieldAndComponentCounts() {
    assertThatThrownBy(() -> readAll(bytes(0x00, 0x31, 0xFF, 0xFF, 0x00, 0x09)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("option.tuple.count")
        .hasMessageContaining("65535 components");
    assertThatThrownBy(() -> readAll(bytes(0x00, 0x30, 0, 0, 0, 0, 0x7F, 0xFF)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("option.udt.field_count");
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    ByteBuf buf = Unpooled.buffer();
    for (int i = 0; i < 10_000; i++) {
      buf.writeShort(0x20);
    }
    buf.writeShort(0x09);
    assertThatThrownBy(() -> readAll(buf))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("nesting deeper than 64");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      s.append("org.apache.cassandra.db.marshal.ListType(");
    }
    assertThatThrownBy(() -> readAll(custom(s.toString())))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("nesting deeper than 64");
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    ByteBuf buf = Unpooled.buffer();
    for (int i = 0; i < ColumnTypeCodec.MAX_DEPTH; i++) {
      buf.writeShort(0x20);
    }
    buf.writeShort(0x09);
    assertThat(readAll(buf)).isInstanceOf(ColumnType.ListType.class);
  }

  @Test
  void fixedSizeFollowsCassandraAndMultipliesForVectors() {
    assertThat(ColumnType.fixedSize(ColumnType.FLOAT)).isEqualTo(4);
    assertThat(ColumnType.fixedSize(ColumnType.UUID)).isEqualTo(16);
    assertThat(ColumnType.fixedSize(ColumnType.TEXT)).isEqualTo(-1);
    assertThat(ColumnType.fixedSize(ColumnType.vector(ColumnType.DOUBLE, 3))).isEqualTo(24);
    assertThat(ColumnType.fixedSize(ColumnType.vector(ColumnType.TEXT, 3))).isEqualTo(-1);
    assertThat(ColumnType.fixedSize(ColumnType.list(ColumnType.INT))).isEqualTo(-1);
  }
}
