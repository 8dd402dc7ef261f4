package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowsTest {
  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("ks", "users", "id", ColumnType.UUID),
          new ColumnSpec("ks", "users", "name", ColumnType.TEXT),
          new ColumnSpec("ks", "users", "tags", ColumnType.set(ColumnType.TEXT)));
  private static final UUID ID = UUID.fromString("8e14e760-7fa8-11eb-bc66-000000000001");

  private final List<ByteBuf> buffers = new ArrayList<>();

  @AfterEach
  void release() {
    buffers.forEach(ByteBuf::release);
  }

  /** A record as the mapper would generate a decoder for. */
  record User(UUID id, String name, Set<String> tags) {}

  /** The shape of a generated row decoder: bind once, then decode positionally. */
  static final DeserializeRow<User> USER_CODEC =
      columns -> {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          pos.put(columns.get(i).name(), i);
        }
        int id = pos.get("id");
        int name = pos.get("name");
        int tags = pos.get("tags");
        DeserializeValue.Decoder<UUID> dId =
            DeserializeValue.bindColumn(Codecs.deserializer(UUID.class), columns.get(id));
        DeserializeValue.Decoder<String> dName =
            DeserializeValue.bindColumn(Codecs.deserializer(String.class), columns.get(name));
        DeserializeValue.Decoder<Set<String>> dTags =
            DeserializeValue.bindColumn(
                Codecs.setDeserializer(Codecs.deserializer(String.class)), columns.get(tags));
        return row ->
            new User(row.decode(id, dId), row.decode(name, dName), row.decode(tags, dTags));
      };

  /** Rows written with the serialization SPI, as a server would send them. */
  private ByteBuf rows(Object[]... rows) {
    ByteBuf buf = Unpooled.buffer();
    buffers.add(buf);
    for (Object[] row : rows) {
      Values.of(row).serialize(COLUMNS, new RowWriter(buf));
    }
    return buf;
  }

  @Test
  void decodesRowsIntoAGeneratedStyleRecordDecoder() {
    ByteBuf body = rows(new Object[] {ID, "ann", Set.of("a")}, new Object[] {ID, null, null});
    Iterator<User> it = RowIterator.of(body, 2, COLUMNS, USER_CODEC.bind(COLUMNS));
    assertThat(it.next()).isEqualTo(new User(ID, "ann", Set.of("a")));
    assertThat(it.next()).isEqualTo(new User(ID, null, Set.of()));
    assertThat(it.hasNext()).isFalse();
    assertThat(body.readerIndex()).as("the iterator never moves the caller's indices").isZero();
  }

  @Test
  void decodesRowsFromAByteArrayAsFromABuffer() {
    ByteBuf body = rows(new Object[] {ID, "ann", Set.of("a")}, new Object[] {ID, null, null});
    byte[] copy = ByteBufUtil.getBytes(body); // what the session's results keep
    Iterator<User> users = RowIterator.of(copy, 2, COLUMNS, USER_CODEC.bind(COLUMNS));
    assertThat(users.next()).isEqualTo(new User(ID, "ann", Set.of("a")));
    assertThat(users.next()).isEqualTo(new User(ID, null, Set.of()));
    assertThat(users.hasNext()).isFalse();
    Iterator<CqlRow> rows = RowIterator.of(copy, 2, COLUMNS, Codecs.cqlRow().bind(COLUMNS));
    CqlRow first = rows.next();
    CqlRow second = rows.next();
    assertThat(first.getString("name")).isEqualTo("ann");
    assertThat(first.getSet("tags", String.class)).containsExactly("a");
    assertThat(second.isNull("name")).isTrue();
    assertThatThrownBy(() -> RowIterator.of(copy, 50, COLUMNS, USER_CODEC.bind(COLUMNS)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("50 rows of 3 columns cannot fit in " + copy.length + " bytes");
  }

  @Test
  void decodesRowsIntoCqlRowWithTypedGetters() {
    ByteBuf body =
        rows(new Object[] {ID, "bob", Set.of("x", "y")}, new Object[] {null, null, null});
    Iterator<CqlRow> it = RowIterator.of(body, 2, COLUMNS, Codecs.cqlRow().bind(COLUMNS));
    CqlRow first = it.next();
    CqlRow second = it.next();
    assertThat(first.getUuid("id")).isEqualTo(ID);
    assertThat(first.getString(1)).isEqualTo("bob");
    assertThat(first.get("name", String.class)).isEqualTo("bob");
    assertThat(first.getSet("tags", String.class)).containsExactlyInAnyOrder("x", "y");
    assertThat(first.getList("tags", String.class)).containsExactlyInAnyOrder("x", "y");
    assertThat(first.isNull("name")).isFalse();
    assertThat(second.isNull("name")).isTrue();
    assertThat(second.getString("name")).isNull();
    assertThat(second.getSet("tags", String.class)).isEmpty();
    assertThat(first.toString()).contains("name: bob");
  }

  @Test
  void cqlRowTypeErrorsNameTheColumn() {
    ByteBuf body = rows(new Object[] {ID, "bob", Set.of()});
    CqlRow row = RowIterator.of(body, 1, COLUMNS, Codecs.cqlRow().bind(COLUMNS)).next();
    assertThatThrownBy(() -> row.getInt("name"))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'name'")
        .hasMessageContaining("CQL type text")
        .hasMessageContaining("int");
    assertThatThrownBy(() -> row.getMap("tags", String.class, String.class))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'tags'");
    assertThatThrownBy(() -> row.getString("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void singleColumnRowsAndTheirTypeCheck() {
    List<ColumnSpec> one = List.of(new ColumnSpec("ks", "t", "n", ColumnType.INT));
    ByteBuf body = Unpooled.buffer();
    buffers.add(body);
    body.writeInt(4).writeInt(7).writeInt(-1);
    Iterator<Integer> it =
        RowIterator.of(body, 2, one, Codecs.rowDeserializer(Integer.class).bind(one));
    assertThat(it.next()).isEqualTo(7);
    assertThat(it.next()).isNull();
    assertThatThrownBy(() -> Codecs.rowDeserializer(String.class).bind(one))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'n'")
        .hasMessageContaining("CQL type int")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> Codecs.rowDeserializer(String.class).bind(COLUMNS))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("exactly 1 column");
  }

  @Test
  void malformedCellsNameColumnAndOffset() {
    List<ColumnSpec> one = List.of(new ColumnSpec("ks", "t", "n", ColumnType.INT));
    ByteBuf body = Unpooled.buffer();
    buffers.add(body);
    body.writeInt(3).writeMedium(7);
    Iterator<Integer> it =
        RowIterator.of(body, 1, one, Codecs.rowDeserializer(Integer.class).bind(one));
    assertThatThrownBy(it::next)
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'n'")
        .hasMessageContaining("offset 4")
        .hasMessageContaining("expected 4 bytes, got 3");
  }

  @Test
  void malformedRowFramingIsAProtocolException() {
    List<ColumnSpec> one = List.of(new ColumnSpec("ks", "t", "n", ColumnType.TEXT));
    ByteBuf body = Unpooled.buffer();
    buffers.add(body);
    body.writeInt(100).writeBytes("abc".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> RowIterator.of(body, 1, one, Codecs.cqlRow().bind(one)).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("rows_content[n]")
        .hasMessageContaining("length 100 exceeds");
    body.clear().writeInt(-7);
    assertThatThrownBy(() -> RowIterator.of(body, 1, one, Codecs.cqlRow().bind(one)).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("negative length -7");
    assertThatThrownBy(() -> RowIterator.of(body, 1_000_000_000, one, Codecs.cqlRow().bind(one)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("rows_count");
  }

  @Test
  void valuesAreTypeCheckedAgainstMarkersNamingMarkerAndTypes() {
    ByteBuf out = Unpooled.buffer();
    buffers.add(out);
    assertThatThrownBy(() -> Values.of(ID, 42, Set.of()).serialize(COLUMNS, new RowWriter(out)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'name'")
        .hasMessageContaining("CQL type text")
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> Values.of(ID).serialize(COLUMNS, new RowWriter(out)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("1 values for 3 bind markers (id, name, tags)");
    assertThatThrownBy(
            () -> Codecs.row(List.of(ID, "x", List.of(1))).serialize(COLUMNS, new RowWriter(out)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'tags'")
        .hasMessageContaining("set<text>");
  }

  @Test
  void writesListsArraysAndMapsAsRowsWithNullAndUnset() {
    ByteBuf a = Unpooled.buffer();
    ByteBuf b = Unpooled.buffer();
    ByteBuf c = Unpooled.buffer();
    buffers.addAll(List.of(a, b, c));
    RowWriter wa = new RowWriter(a);
    Codecs.row(new Object[] {ID, null, Unset.VALUE}).serialize(COLUMNS, wa);
    Map<String, Object> byName = new HashMap<>();
    byName.put("tags", Unset.VALUE);
    byName.put("name", null);
    byName.put("id", ID);
    Codecs.row(byName).serialize(COLUMNS, new RowWriter(b));
    Codecs.row(java.util.Arrays.asList(ID, null, Unset.VALUE)).serialize(COLUMNS, new RowWriter(c));
    assertThat(wa.valueCount()).isEqualTo(3);
    assertThat(a).isEqualTo(b).isEqualTo(c);
    a.skipBytes(4 + 16);
    assertThat(a.readInt()).isEqualTo(-1);
    assertThat(a.readInt()).isEqualTo(-2);
    assertThatThrownBy(
            () -> Codecs.row(Map.of("id", ID, "zzz", 1)).serialize(COLUMNS, new RowWriter(b)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'zzz'");
  }
}
