package org.cql4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.CqlDuration;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;
import org.cql4j.protocol.value.Values;
import org.junit.jupiter.api.Test;

/**
 * The code quoted by docs/data-types.md: Java values written as CQL values and read back through
 * the same codecs the session uses, byte for byte.
 */
class DataTypesExampleTest {
  private static final ColumnType.UserType ADDRESS =
      new ColumnType.UserType(
          "ks",
          "address",
          List.of(
              new ColumnType.UserType.Field("street", ColumnType.TEXT),
              new ColumnType.UserType.Field("zip", ColumnType.INT)));

  private static final List<ColumnSpec> COLUMNS =
      List.of(
          column("id", ColumnType.UUID),
          column("name", ColumnType.TEXT),
          column("born", ColumnType.DATE),
          column("seen", ColumnType.TIMESTAMP),
          column("balance", ColumnType.DECIMAL),
          column("visits", ColumnType.VARINT),
          column("ip", ColumnType.INET),
          column("avatar", ColumnType.BLOB),
          column("tags", ColumnType.set(ColumnType.TEXT)),
          column("scores", ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT))),
          column("home", ADDRESS),
          column("point", ColumnType.tuple(ColumnType.DOUBLE, ColumnType.DOUBLE)),
          column("ttl", ColumnType.DURATION),
          column("embedding", ColumnType.vector(ColumnType.FLOAT, 3)));

  private static ColumnSpec column(String name, ColumnType type) {
    return new ColumnSpec("ks", "users", name, type);
  }

  @Test
  void writesAndReadsEveryKindOfValue() throws Exception {
    UUID id = UUID.randomUUID();
    // tag::values[]
    Values row =
        Values.of(
            id, // uuid
            "Ann", // text
            LocalDate.of(1969, 7, 20), // date, before 1970 too
            Instant.parse("2026-11-21T10:15:30.123Z"), // timestamp (millisecond precision)
            new BigDecimal("-12.50"), // decimal
            new BigInteger("123456789012345678901234567890"), // varint
            InetAddress.getByName("::1"), // inet
            ByteBuffer.wrap(new byte[] {1, 2, 3}), // blob (also byte[])
            Set.of("admin", "ops"), // set<text>
            Map.of("math", List.of(90, 75)), // map<text, frozen<list<int>>>
            UdtValue.builder().set("street", "Main St").set("zip", 12345).build(), // UDT
            TupleValue.of(48.85, 2.35), // tuple<double, double>
            new CqlDuration(1, 2, 3_000_000_000L), // duration: months, days, nanoseconds
            new float[] {0.1f, 0.2f, 0.3f}); // vector<float, 3>
    // end::values[]

    ByteBuf bytes = Unpooled.buffer();
    try {
      row.serialize(COLUMNS, new RowWriter(bytes));
      RowIterator<CqlRow> rows = RowIterator.of(bytes, 1, COLUMNS, Codecs.cqlRow().bind(COLUMNS));
      CqlRow read = rows.next();

      // tag::getters[]
      UUID readId = read.getUuid("id");
      String name = read.getString("name");
      LocalDate born = read.getLocalDate("born");
      Instant seen = read.getInstant("seen");
      BigDecimal balance = read.getBigDecimal("balance");
      ByteBuffer avatar = read.getBytes("avatar"); // a read-only view, no copy
      Set<String> tags = read.getSet("tags", String.class);
      UdtValue home = read.get("home", UdtValue.class);
      CqlDuration ttl = read.get("ttl", CqlDuration.class);
      boolean noName = read.isNull("name");
      // end::getters[]

      assertThat(readId).isEqualTo(id);
      assertThat(name).isEqualTo("Ann");
      assertThat(born).isEqualTo(LocalDate.of(1969, 7, 20));
      assertThat(seen).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
      assertThat(balance).isEqualTo(new BigDecimal("-12.50"));
      assertThat(read.getBigInteger("visits"))
          .isEqualTo(new BigInteger("123456789012345678901234567890"));
      assertThat(read.getInetAddress("ip")).isEqualTo(InetAddress.getByName("::1"));
      assertThat(avatar.isReadOnly()).isTrue();
      assertThat(avatar.remaining()).isEqualTo(3);
      assertThat(tags).containsExactlyInAnyOrder("admin", "ops");
      assertThat(read.getMap("scores", String.class, Object.class))
          .containsEntry("math", List.of(90, 75));
      assertThat(home.get("zip", Integer.class)).isEqualTo(12345);
      assertThat(read.get("point", TupleValue.class).get(0, Double.class)).isEqualTo(48.85);
      assertThat(ttl).isEqualTo(new CqlDuration(1, 2, 3_000_000_000L));
      assertThat(read.get("embedding", float[].class)).containsExactly(0.1f, 0.2f, 0.3f);
      assertThat(noName).isFalse();
    } finally {
      bytes.release();
    }
  }
}
