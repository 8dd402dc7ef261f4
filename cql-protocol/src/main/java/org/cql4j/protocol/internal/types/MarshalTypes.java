package org.cql4j.protocol.internal.types;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.types.ColumnType;

/**
 * Parses and prints Cassandra's marshal class strings, the value of a custom [option]. Stateless
 * and thread-safe.
 *
 * <p>Cassandra sends types that protocol v4 has no id for as custom types (native_protocol_v4.spec
 * §4.2.5.2, id 0x0000), e.g. {@code org.apache.cassandra.db.marshal.VectorType(
 * org.apache.cassandra.db.marshal.FloatType , 3)} or {@code ...DurationType}. A string that is not
 * a known marshal type stays a {@link ColumnType.Custom}.
 */
final class MarshalTypes {
  private static final String PACKAGE = "org.apache.cassandra.db.marshal.";
  private static final String FIELD = "option.custom";

  private static final Map<String, ColumnType.Native> NATIVES =
      Map.ofEntries(
          Map.entry("AsciiType", ColumnType.Native.ASCII),
          Map.entry("LongType", ColumnType.Native.BIGINT),
          Map.entry("BytesType", ColumnType.Native.BLOB),
          Map.entry("BooleanType", ColumnType.Native.BOOLEAN),
          Map.entry("CounterColumnType", ColumnType.Native.COUNTER),
          Map.entry("DecimalType", ColumnType.Native.DECIMAL),
          Map.entry("DoubleType", ColumnType.Native.DOUBLE),
          Map.entry("FloatType", ColumnType.Native.FLOAT),
          Map.entry("Int32Type", ColumnType.Native.INT),
          Map.entry("TimestampType", ColumnType.Native.TIMESTAMP),
          Map.entry("DateType", ColumnType.Native.TIMESTAMP),
          Map.entry("UUIDType", ColumnType.Native.UUID),
          Map.entry("UTF8Type", ColumnType.Native.TEXT),
          Map.entry("IntegerType", ColumnType.Native.VARINT),
          Map.entry("TimeUUIDType", ColumnType.Native.TIMEUUID),
          Map.entry("InetAddressType", ColumnType.Native.INET),
          Map.entry("SimpleDateType", ColumnType.Native.DATE),
          Map.entry("TimeType", ColumnType.Native.TIME),
          Map.entry("ShortType", ColumnType.Native.SMALLINT),
          Map.entry("ByteType", ColumnType.Native.TINYINT),
          Map.entry("DurationType", ColumnType.Native.DURATION));

  private final String text;
  private final long offset;
  private int pos;

  private MarshalTypes(String text, long offset) {
    this.text = text;
    this.offset = offset;
  }

  /**
   * Parses a custom type's class string.
   *
   * @param className the [string] of the custom option
   * @param offset the offset of the option, for error messages
   * @param depth the nesting depth of the option
   */
  static ColumnType parse(String className, long offset, int depth) {
    MarshalTypes p = new MarshalTypes(className, offset);
    ColumnType t = p.parseType(depth);
    if (t == null || p.pos != className.length()) {
      return new ColumnType.Custom(className);
    }
    return t;
  }

  /** Returns null when the string is not made of known marshal types (then it is custom). */
  private ColumnType parseType(int depth) {
    if (depth > ColumnTypeCodec.MAX_DEPTH) {
      throw new ProtocolException(
          FIELD, offset, "type nesting deeper than " + ColumnTypeCodec.MAX_DEPTH);
    }
    skipSpaces();
    String name = readName();
    if (name.startsWith(PACKAGE)) {
      name = name.substring(PACKAGE.length());
    }
    skipSpaces();
    boolean hasParams = pos < text.length() && text.charAt(pos) == '(';
    if (!hasParams) {
      return NATIVES.get(name);
    }
    pos++;
    ColumnType result;
    switch (name) {
      case "ListType" -> result = single(depth, ColumnType.ListType::new);
      case "SetType" -> result = single(depth, ColumnType.SetType::new);
      case "FrozenType", "ReversedType" -> result = single(depth, t -> t);
      case "MapType" -> {
        List<ColumnType> kv = typeList(depth);
        result = kv != null && kv.size() == 2 ? new ColumnType.MapType(kv.get(0), kv.get(1)) : null;
      }
      case "TupleType" -> {
        List<ColumnType> cs = typeList(depth);
        result = cs == null ? null : new ColumnType.TupleType(cs);
      }
      case "VectorType" -> result = vector(depth);
      case "UserType" -> result = userType(depth);
      default -> result = null;
    }
    return result;
  }

  private ColumnType single(int depth, UnaryOperator<ColumnType> wrap) {
    List<ColumnType> ts = typeList(depth);
    return ts != null && ts.size() == 1 ? wrap.apply(ts.get(0)) : null;
  }

  /** Parses "a, b, ...)" after the opening parenthesis. */
  private List<ColumnType> typeList(int depth) {
    List<ColumnType> types = new ArrayList<>();
    while (true) {
      ColumnType t = parseType(depth + 1);
      if (t == null) {
        return null;
      }
      types.add(t);
      skipSpaces();
      if (pos >= text.length()) {
        return null;
      }
      char c = text.charAt(pos++);
      if (c == ')') {
        return types;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  private ColumnType vector(int depth) {
    ColumnType element = parseType(depth + 1);
    skipSpaces();
    if (element == null || pos >= text.length() || text.charAt(pos++) != ',') {
      return null;
    }
    skipSpaces();
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    skipSpaces();
    if (start == pos || pos - start > 9 || pos >= text.length() || text.charAt(pos) != ')') {
      return null;
    }
    int dimensions = Integer.parseInt(text.substring(start, pos).trim());
    pos++;
    if (dimensions < 1) {
      throw new ProtocolException(FIELD, offset, "vector with " + dimensions + " dimensions");
    }
    return new ColumnType.VectorType(element, dimensions);
  }

  // UserType(keyspace,hex(name),hex(field1):type1,...): names are hex-encoded UTF-8.
  private ColumnType userType(int depth) {
    try {
      String keyspace = readName();
      if (!expect(',')) {
        return null;
      }
      String name = unhex(readName());
      List<ColumnType.UserType.Field> fields = new ArrayList<>();
      while (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        skipSpaces();
        String fieldName = unhex(readName());
        if (!expect(':')) {
          return null;
        }
        ColumnType t = parseType(depth + 1);
        if (t == null) {
          return null;
        }
        fields.add(new ColumnType.UserType.Field(fieldName, t));
        skipSpaces();
      }
      return expect(')') ? new ColumnType.UserType(keyspace, name, fields) : null;
    } catch (IllegalArgumentException e) {
      return null; // not hex: not a Cassandra UserType string
    }
  }

  private boolean expect(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private String readName() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '(' || c == ')' || c == ',' || c == ':' || c == ' ') {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private static String unhex(String s) {
    return new String(HexFormat.of().parseHex(s), StandardCharsets.UTF_8);
  }

  /** The Cassandra class string of a type, as a v4 server would send it in a custom option. */
  static String className(ColumnType type) {
    if (type instanceof ColumnType.Native n) {
      for (Map.Entry<String, ColumnType.Native> e : NATIVES.entrySet()) {
        if (e.getValue() == n && !e.getKey().equals("DateType")) {
          return PACKAGE + e.getKey();
        }
      }
    } else if (type instanceof ColumnType.ListType l) {
      return PACKAGE + "ListType(" + className(l.element()) + ")";
    } else if (type instanceof ColumnType.SetType s) {
      return PACKAGE + "SetType(" + className(s.element()) + ")";
    } else if (type instanceof ColumnType.MapType m) {
      return PACKAGE + "MapType(" + className(m.key()) + "," + className(m.value()) + ")";
    } else if (type instanceof ColumnType.TupleType t) {
      StringBuilder sb = new StringBuilder(PACKAGE + "TupleType(");
      for (int i = 0; i < t.components().size(); i++) {
        sb.append(i == 0 ? "" : ",").append(className(t.components().get(i)));
      }
      return sb.append(')').toString();
    } else if (type instanceof ColumnType.UserType u) {
      StringBuilder sb = new StringBuilder(PACKAGE + "UserType(");
      sb.append(u.keyspace()).append(',').append(hex(u.name()));
      for (ColumnType.UserType.Field f : u.fields()) {
        sb.append(',').append(hex(f.name())).append(':').append(className(f.type()));
      }
      return sb.append(')').toString();
    } else if (type instanceof ColumnType.VectorType v) {
      // Cassandra's TypeParser.stringifyVectorParameters puts " , " between element and size.
      return PACKAGE + "VectorType(" + className(v.element()) + " , " + v.dimensions() + ")";
    } else if (type instanceof ColumnType.Custom c) {
      return c.className();
    }
    throw new IllegalArgumentException("no class name for " + type);
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }
}
