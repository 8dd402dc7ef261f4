package org.cql4j.protocol.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses a CQL type written as text into a {@link ColumnType}. Stateless and thread-safe (each call
 * parses on its own instance).
 *
 * <p>The text is what {@code system_schema} stores in {@code columns.type} and {@code
 * types.field_types}, or what a user writes in DDL: every native type name (case-insensitive, with
 * {@code varchar} an alias of {@code text}), {@code list<t>}, {@code set<t>}, {@code map<k, v>},
 * {@code tuple<t, ...>}, {@code vector<t, n>}, {@code frozen<t>} at any depth, user types by name
 * (bare, double-quoted, or qualified as {@code keyspace.name}) and custom types as single-quoted
 * class names. The grammar is {@code comparatorType} of Cassandra's {@code Parser.g} (ScyllaDB's
 * {@code Cql.g} is the same for types).
 *
 * <p>The model has no frozen flag: {@code frozen<...>} nested in a collection, tuple or vector is
 * implied there anyway, and whether the type itself is frozen is told apart in {@link
 * ParsedType#frozen()}.
 */
public final class CqlTypeParser {
  private static final Map<String, ColumnType> NATIVE = natives();

  private final String text;
  private final String keyspace;
  private final UserTypeLookup userTypes;
  private int pos;

  private CqlTypeParser(String text, String keyspace, UserTypeLookup userTypes) {
    this.text = text;
    this.keyspace = keyspace;
    this.userTypes = userTypes;
  }

  /**
   * Finds the user types a type text names. Called on the parsing thread; must be thread-safe if
   * the parser is used from several threads at once.
   */
  @FunctionalInterface
  public interface UserTypeLookup {
    /**
     * Returns a user type with its fields.
     *
     * @param keyspace the keyspace the text qualified the name with, or else the keyspace given to
     *     {@link CqlTypeParser#parse(String, String, UserTypeLookup)} (possibly null)
     * @param name the type's name, case-sensitive, without quotes
     * @return the type, or null if there is none of that name
     */
    ColumnType.UserType find(String keyspace, String name);
  }

  /**
   * A parsed type and whether the text froze it at the top level. Immutable and thread-safe.
   *
   * @param type the type
   * @param frozen true for {@code frozen<...>} around the whole type
   */
  public record ParsedType(ColumnType type, boolean frozen) {
    /** Checks the type; thread-safe. */
    public ParsedType {
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * Parses a type that names no user type.
   *
   * @param text the type, e.g. {@code map<text, frozen<list<int>>>}
   * @return the type and whether it is frozen at the top level
   * @throws IllegalArgumentException if the text is not a type, or names a user type; the message
   *     quotes the text and gives the position (0-based) where it goes wrong
   */
  public static ParsedType parse(String text) {
    return parse(text, null, (keyspace, name) -> null);
  }

  /**
   * Parses a type, resolving the user types it names.
   *
   * @param text the type, e.g. {@code frozen<list<frozen<address>>>}
   * @param keyspace the keyspace of user types named without one (the keyspace of the table or type
   *     the text comes from), or null
   * @param userTypes finds user types by keyspace and name
   * @return the type and whether it is frozen at the top level
   * @throws IllegalArgumentException if the text is not a type, or names a user type the lookup
   *     does not know; the message quotes the text and gives the position (0-based) where it goes
   *     wrong
   */
  public static ParsedType parse(String text, String keyspace, UserTypeLookup userTypes) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(userTypes, "userTypes");
    return new CqlTypeParser(text, keyspace, userTypes).parseAll();
  }

  private ParsedType parseAll() {
    skipSpaces();
    int start = pos;
    boolean frozen = false;
    if (isLetter(peek())) {
      frozen = word().equalsIgnoreCase("frozen") && peekAfterSpaces() == '<';
      pos = start;
    }
    ColumnType type = type();
    skipSpaces();
    if (pos < text.length()) {
      throw error("expected the end of the type but found " + found());
    }
    return new ParsedType(type, frozen);
  }

  private ColumnType type() {
    skipSpaces();
    char c = peek();
    if (c == '\'') {
      return new ColumnType.Custom(quoted('\''));
    }
    int start = pos;
    if (c == '"') {
      return userType(quoted('"'), start);
    }
    if (!isLetter(c)) {
      throw error("expected a type but found " + found());
    }
    String lower = word().toLowerCase(Locale.ROOT);
    if (peekAfterSpaces() == '<') {
      ColumnType parameterized = parameterized(lower);
      if (parameterized != null) {
        return parameterized;
      }
    }
    ColumnType nativeType = NATIVE.get(lower);
    if (nativeType != null && peekAfterSpaces() != '.') {
      return nativeType;
    }
    return userType(lower, start); // an unquoted name is case-insensitive: folded to lower case
  }

  // the types written name<...>; null for another name (then a user type, which fails on '<')
  private ColumnType parameterized(String name) {
    switch (name) {
      case "frozen":
        expect('<');
        ColumnType inner = type();
        expect('>');
        return inner;
      case "list":
        expect('<');
        ColumnType.ListType list = ColumnType.list(type());
        expect('>');
        return list;
      case "set":
        expect('<');
        ColumnType.SetType set = ColumnType.set(type());
        expect('>');
        return set;
      case "map":
        expect('<');
        ColumnType key = type();
        expect(',');
        ColumnType.MapType map = ColumnType.map(key, type());
        expect('>');
        return map;
      case "tuple":
        expect('<');
        List<ColumnType> components = new ArrayList<>();
        components.add(type());
        while (peekAfterSpaces() == ',') {
          expect(',');
          components.add(type());
        }
        expect('>');
        return new ColumnType.TupleType(components);
      case "vector":
        expect('<');
        ColumnType element = type();
        expect(',');
        ColumnType.VectorType vector = ColumnType.vector(element, dimensions());
        expect('>');
        return vector;
      default:
        return null;
    }
  }

  // native_protocol_v5.spec §6: a vector has a fixed number of dimensions, at least 1
  private int dimensions() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (start == pos) {
      throw error("expected the vector's dimensions but found " + found());
    }
    String digits = text.substring(start, pos);
    long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (value < 1 || value > Integer.MAX_VALUE) {
      pos = start;
      throw error("vector dimensions must be 1 to " + Integer.MAX_VALUE + ", not " + digits);
    }
    return (int) value;
  }

  // a user type's name, read from start; may be followed by '.' and the name proper
  private ColumnType.UserType userType(String first, int start) {
    String typeKeyspace = keyspace;
    String name = first;
    if (peekAfterSpaces() == '.') {
      expect('.');
      skipSpaces();
      typeKeyspace = first;
      name = peek() == '"' ? quoted('"') : identifier();
    }
    ColumnType.UserType found = userTypes.find(typeKeyspace, name);
    if (found == null) {
      pos = start;
      String qualified =
          typeKeyspace == null
              ? CqlIdentifiers.quoteIfNeeded(name)
              : CqlIdentifiers.quoteIfNeeded(typeKeyspace)
                  + "."
                  + CqlIdentifiers.quoteIfNeeded(name);
      throw error("unknown user type " + qualified);
    }
    return found;
  }

  private String identifier() {
    if (!isLetter(peek())) {
      throw error("expected a name but found " + found());
    }
    return word().toLowerCase(Locale.ROOT);
  }

  // [a-zA-Z][a-zA-Z0-9_]*, as written
  private String word() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  // a '...' string or "..." name: the quote doubled inside stands for itself
  private String quoted(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c != quote) {
        sb.append(c);
      } else if (pos < text.length() && text.charAt(pos) == quote) {
        sb.append(quote);
        pos++;
      } else {
        if (sb.length() == 0) {
          pos = start;
          throw error(quote == '"' ? "empty quoted name" : "empty custom type class name");
        }
        return sb.toString();
      }
    }
    pos = start;
    throw error("unterminated " + (quote == '"' ? "quoted name" : "custom type class name"));
  }

  private void expect(char c) {
    skipSpaces();
    if (peek() != c) {
      throw error("expected '" + c + "' but found " + found());
    }
    pos++;
  }

  private char peekAfterSpaces() {
    int save = pos;
    skipSpaces();
    char c = peek();
    pos = save;
    return c;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private String found() {
    return pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
  }

  private void skipSpaces() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "invalid CQL type '" + text + "' at position " + pos + ": " + what);
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static Map<String, ColumnType> natives() {
    Map<String, ColumnType> natives = new HashMap<>();
    for (ColumnType.Native n : ColumnType.Native.values()) {
      natives.put(n.toString(), n);
    }
    natives.put("varchar", ColumnType.TEXT);
    return Map.copyOf(natives);
  }
}
