package org.cql4j.mapper.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.ColumnType.UserType.Field;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enums, {@code @Transparent} records and {@code @CqlCodec} codecs through the generated codecs and
 * the runtime registry, as the session uses them: in rows, user-type fields, collections, map keys,
 * {@code Optional}, and as bound values.
 */
class ValueMappingsTest {
  private static final ColumnType.UserType CONTACT =
      new ColumnType.UserType(
          "ks",
          "contact",
          List.of(new Field("email", ColumnType.TEXT), new Field("status", ColumnType.ASCII)));

  private static CompiledClasses classes;
  private final List<ByteBuf> buffers = new ArrayList<>();

  @BeforeAll
  static void compile() {
    classes = new CompiledClasses(Sources.compile(Sources.valueMappings()));
  }

  @AfterEach
  void release() {
    buffers.forEach(ByteBuf::release);
  }

  private ByteBuf buffer() {
    ByteBuf b = Unpooled.buffer();
    buffers.add(b);
    return b;
  }

  private static ColumnSpec col(String name, ColumnType type) {
    return new ColumnSpec("ks", "accounts", name, type);
  }

  private static List<ColumnSpec> accountColumns() {
    return List.of(
        col("id", ColumnType.BIGINT),
        col("email", ColumnType.TEXT),
        col("status", ColumnType.TEXT),
        col("previous_status", ColumnType.ASCII),
        col("aliases", ColumnType.list(ColumnType.TEXT)),
        col("status_by_email", ColumnType.map(ColumnType.TEXT, ColumnType.TEXT)),
        col("seen", ColumnType.set(ColumnType.TEXT)),
        col("contact", CONTACT),
        col("balance", ColumnType.TEXT));
  }

  private static Object status(String name) {
    for (Object constant : classes.type("test.Status").getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static Object email(String address) {
    return classes.record("test.Email", address);
  }

  private static Object money(String amount, String currency) {
    return classes.record("test.Money", new BigDecimal(amount), currency);
  }

  private static Object account(Object status, Optional<Object> previous) {
    return classes.record(
        "test.Account",
        classes.record("test.AccountId", 42L),
        email("ann@example.com"),
        status,
        previous,
        List.of(email("a@example.com"), email("b@example.com")),
        Map.of(email("a@example.com"), status("ON_HOLD")),
        Set.of(status("ACTIVE"), status("CLOSED")),
        classes.record("test.Contact", email("c@example.com"), status("ON_HOLD")),
        money("12.50", "EUR"));
  }

  private <R> ByteBuf writeRows(RowSerializer<R> serializer, List<ColumnSpec> columns, R row) {
    ByteBuf body = buffer();
    serializer.bind(columns).write(row, new RowWriter(body));
    return body;
  }

  private <T> ByteBuf writeValue(SerializeValue<T> s, ColumnType type, T value) {
    ByteBuf out = buffer();
    SerializeValue.Writer.writeBytes(s.bind(type), value, out);
    return out;
  }

  private static String text(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return String.format("%08x", b.length) + ByteBufUtil.hexDump(b);
  }

  @Test
  void aRowWithEnumsNewtypesAndACustomCodecRoundTrips() {
    RowSerializer<Object> serializer = classes.codec("test.Account_CqlRowCodec", "serializer");
    DeserializeRow<Object> deserializer = classes.codec("test.Account_CqlRowCodec", "deserializer");
    List<ColumnSpec> columns = accountColumns();
    Object active = account(status("ACTIVE"), Optional.of(status("ON_HOLD")));
    Object closed = account(status("CLOSED"), Optional.empty());
    ByteBuf body = writeRows(serializer, columns, active);
    serializer.bind(columns).write(closed, new RowWriter(body));
    List<Object> read = new ArrayList<>();
    RowIterator.of(body, 2, columns, deserializer.bind(columns)).forEachRemaining(read::add);
    assertThat(read).containsExactly(active, closed);
  }

  @Test
  void theWireHoldsTheComponentsAndTheRenamedConstantsOnly() {
    RowSerializer<Object> serializer = classes.codec("test.Account_CqlRowCodec", "serializer");
    List<ColumnSpec> columns = accountColumns();
    ByteBuf body = writeRows(serializer, columns, account(status("ON_HOLD"), Optional.empty()));
    String hex = ByteBufUtil.hexDump(body);
    assertThat(hex)
        .as("AccountId(42) is the bigint 42")
        .startsWith("00000008" + "000000000000002a")
        .as("Email is its text, ON_HOLD is stored as 'on-hold', Optional.empty() is null")
        .contains(text("ann@example.com") + text("on-hold") + "ffffffff")
        .as("the custom codec's text")
        .endsWith(text("12.50 EUR"));
  }

  @Test
  void anUnknownNameFailsNamingTheValueTheEnumAndTheColumn() {
    DeserializeRow<Object> deserializer = classes.codec("test.Account_CqlRowCodec", "deserializer");
    List<ColumnSpec> columns = accountColumns();
    ByteBuf body = buffer();
    Values.of(7L, "x@example.com", "PAUSED", null, null, null, null, null, "1 EUR")
        .serialize(columns, new RowWriter(body));
    assertThatThrownBy(() -> RowIterator.of(body, 1, columns, deserializer.bind(columns)).next())
        .isInstanceOfSatisfying(
            DeserializationException.class,
            e -> {
              assertThat(e.column()).isEqualTo("status");
              assertThat(e.javaType()).isEqualTo("test.Status");
            })
        .hasMessageContaining("column 'status'")
        .hasMessageContaining("'PAUSED' is none of the enum's names [ACTIVE, on-hold, CLOSED]");
    DeserializeValue<Object> statuses = Codecs.deserializer(classes.type("test.Status"));
    ByteBuf constantName = writeValue(Codecs.serializer(String.class), ColumnType.TEXT, "ON_HOLD");
    assertThatThrownBy(() -> statuses.bind(ColumnType.TEXT).decode(constantName.skipBytes(4)))
        .as("a renamed constant is not read by its Java name")
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("'ON_HOLD'");
  }

  @Test
  void enumsAndNewtypesRefuseColumnsOfAnotherType() {
    DeserializeRow<Object> deserializer = classes.codec("test.Account_CqlRowCodec", "deserializer");
    List<ColumnSpec> intStatus = new ArrayList<>(accountColumns());
    intStatus.set(2, col("status", ColumnType.INT));
    assertThatThrownBy(() -> deserializer.bind(intStatus))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'status'")
        .hasMessageContaining("an enum maps to text or ascii");
    List<ColumnSpec> uuidEmail = new ArrayList<>(accountColumns());
    uuidEmail.set(1, col("email", ColumnType.UUID));
    assertThatThrownBy(() -> deserializer.bind(uuidEmail))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'email'");
    RowSerializer<Object> serializer = classes.codec("test.Account_CqlRowCodec", "serializer");
    assertThatThrownBy(() -> serializer.bind(intStatus))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'status'");
  }

  @Test
  void newtypesAndEnumsAreValuesOnTheirOwn() {
    Class<Object> emailClass = classes.type("test.Email");
    Class<Object> statusClass = classes.type("test.Status");
    DeserializeValue<Object> emails = Codecs.deserializer(emailClass);
    SerializeValue<Object> emailWriter = Codecs.serializer(emailClass);
    ByteBuf written = writeValue(emailWriter, ColumnType.TEXT, email("d@example.com"));
    assertThat(ByteBufUtil.hexDump(written)).isEqualTo(text("d@example.com"));
    assertThat(emails.bind(ColumnType.TEXT).decode(written.skipBytes(4)))
        .isEqualTo(email("d@example.com"));
    assertThat(emails.bind(ColumnType.TEXT).decode(null))
        .as("a null cell is a null newtype, not Email(null)")
        .isNull();
    assertThat(ByteBufUtil.hexDump(writeValue(emailWriter, ColumnType.TEXT, email(null))))
        .as("a newtype holding null writes null")
        .isEqualTo("ffffffff");

    // bound values find the codecs by the values' classes, as Values.of does for a statement
    List<ColumnSpec> markers =
        List.of(
            col("e", ColumnType.TEXT),
            col("s", ColumnType.ASCII),
            col("l", ColumnType.list(ColumnType.TEXT)));
    ByteBuf values = buffer();
    Values.of(email("e@example.com"), status("ON_HOLD"), List.of(status("CLOSED")))
        .serialize(markers, new RowWriter(values));
    assertThat(ByteBufUtil.hexDump(values))
        .isEqualTo(
            text("e@example.com")
                + text("on-hold")
                + "0000000e" // list<text> of 14 bytes: a count of 1, then one element
                + "00000001"
                + text("CLOSED"));
    assertThat(Codecs.deserializer(statusClass).bind(ColumnType.ASCII).decode(null)).isNull();
  }
}
