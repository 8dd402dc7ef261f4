package org.cql4j.cli.shell;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlDuration;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;

/**
 * Writes a decoded CQL value the way cqlsh shows it. Stateless and thread-safe.
 *
 * <p>At the top level text is plain ({@code Ada}); inside a collection, tuple or user type it is a
 * CQL literal ({@code 'Ada'}, quotes doubled). {@code null} is {@code null}, booleans {@code
 * True}/{@code False}, blobs {@code 0x...}, timestamps {@code 2024-05-01 12:00:00.000000+0000}
 * (UTC), lists {@code [1, 2]}, sets {@code {1, 2}}, maps {@code {'a': 1}}, tuples {@code (1, 'a')},
 * user types {@code {street: 'Main', zip: 1}}, durations {@code 1mo2d3h4m5s}.
 */
public final class ValueFormatter {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSZ").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");

  private ValueFormatter() {}

  /**
   * Formats a column's value for a result table.
   *
   * @param value the value in its default Java type ({@code CqlRow.getObject}), or null
   * @param type the column's CQL type
   * @return the text to show
   */
  public static String format(Object value, ColumnType type) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return escapeControls(s);
    }
    return escapeControls(literal(value, type));
  }

  /**
   * Formats a value as inside a collection: text quoted.
   *
   * @param value the value in its default Java type, or null
   * @param type its CQL type
   * @return the text to show
   */
  public static String literal(Object value, ColumnType type) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof ByteBuffer bytes) {
      ByteBuffer view = bytes.duplicate();
      byte[] raw = new byte[view.remaining()];
      view.get(raw);
      return "0x" + HexFormat.of().formatHex(raw);
    }
    if (value instanceof byte[] raw) {
      return "0x" + HexFormat.of().formatHex(raw);
    }
    if (value instanceof Instant instant) {
      return TIMESTAMP.format(instant);
    }
    if (value instanceof LocalTime time) {
      return TIME.format(time);
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof InetAddress address) {
      return address.getHostAddress();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toString();
    }
    if (value instanceof BigInteger || value instanceof Number) {
      return value.toString();
    }
    if (value instanceof CqlDuration duration) {
      return duration(duration);
    }
    if (value instanceof Map<?, ?> map) {
      return map(map, type);
    }
    if (value instanceof Collection<?> collection) {
      boolean set = type instanceof ColumnType.SetType;
      ColumnType element = elementType(type);
      StringJoiner joiner = new StringJoiner(", ", set ? "{" : "[", set ? "}" : "]");
      collection.forEach(e -> joiner.add(literal(e, element)));
      return joiner.toString();
    }
    if (value instanceof TupleValue tuple) {
      List<ColumnType> types =
          type instanceof ColumnType.TupleType t ? t.components() : new ArrayList<>();
      StringJoiner joiner = new StringJoiner(", ", "(", ")");
      List<Object> components = tuple.components();
      for (int i = 0; i < components.size(); i++) {
        joiner.add(literal(components.get(i), i < types.size() ? types.get(i) : null));
      }
      return joiner.toString();
    }
    if (value instanceof UdtValue udt) {
      return userType(udt, type);
    }
    return value.toString();
  }

  /** Control characters shown escaped, so that a value stays on its line of the table. */
  private static String escapeControls(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        if (out == null) {
          out = new StringBuilder(text.substring(0, i));
        }
        switch (c) {
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          default -> out.append(String.format("\\x%02x", (int) c));
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static String map(Map<?, ?> map, ColumnType type) {
    ColumnType keyType = type instanceof ColumnType.MapType m ? m.key() : null;
    ColumnType valueType = type instanceof ColumnType.MapType m ? m.value() : null;
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    map.forEach((k, v) -> joiner.add(literal(k, keyType) + ": " + literal(v, valueType)));
    return joiner.toString();
  }

  private static String userType(UdtValue udt, ColumnType type) {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    if (type instanceof ColumnType.UserType userType) {
      for (ColumnType.UserType.Field field : userType.fields()) {
        Object v = udt.has(field.name()) ? udt.get(field.name()) : null;
        joiner.add(field.name() + ": " + literal(v, field.type()));
      }
    } else {
      udt.fields().forEach((name, v) -> joiner.add(name + ": " + literal(v, null)));
    }
    return joiner.toString();
  }

  private static ColumnType elementType(ColumnType type) {
    if (type instanceof ColumnType.ListType l) {
      return l.element();
    }
    if (type instanceof ColumnType.SetType s) {
      return s.element();
    }
    if (type instanceof ColumnType.VectorType v) {
      return v.element();
    }
    return null;
  }

  /** A duration as CQL writes it: {@code 1y2mo3d4h5m6s7ms8us9ns}, zero parts left out. */
  static String duration(CqlDuration d) {
    boolean negative = d.months() < 0 || d.days() < 0 || d.nanoseconds() < 0;
    long months = Math.abs((long) d.months());
    long days = Math.abs((long) d.days());
    long nanos = Math.abs(d.nanoseconds());
    StringBuilder out = new StringBuilder(negative ? "-" : "");
    append(out, months / 12, "y");
    append(out, months % 12, "mo");
    append(out, days, "d");
    long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    String[] names = {"h", "m", "s", "ms", "us", "ns"};
    for (int i = 0; i < units.length; i++) {
      append(out, nanos / units[i], names[i]);
      nanos %= units[i];
    }
    return out.length() == (negative ? 1 : 0) ? "0s" : out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }
}
