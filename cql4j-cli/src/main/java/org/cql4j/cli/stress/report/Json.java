package org.cql4j.cli.stress.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the reports need (RFC 8259): writing strings and numbers, and reading a document
 * into maps, lists, strings, numbers (as {@code Double}), booleans and nulls. Stateless,
 * thread-safe.
 */
final class Json {

  private Json() {}

  /** Appends {@code s} as a JSON string. */
  static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** Appends a number; whole numbers without a fraction, NaN and infinities as 0. */
  static StringBuilder number(StringBuilder out, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return out.append('0');
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return out.append((long) v);
    }
    return out.append(v);
  }

  /**
   * Parses a document.
   *
   * @param text the JSON text
   * @return its value
   * @throws IllegalArgumentException naming the offset of the first error
   */
  static Object parse(String text) {
    Reader reader = new Reader(text);
    Object value = reader.value();
    reader.blanks();
    if (reader.at < text.length()) {
      throw reader.error("unexpected text after the document");
    }
    return value;
  }

  private static final class Reader {
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    Object value() {
      blanks();
      if (at >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(at);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      at++;
      blanks();
      if (peek() == '}') {
        at++;
        return map;
      }
      while (true) {
        blanks();
        String key = string();
        blanks();
        expect(':');
        map.put(key, value());
        blanks();
        if (peek() == ',') {
          at++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      at++;
      blanks();
      if (peek() == ']') {
        at++;
        return list;
      }
      while (true) {
        list.add(value());
        blanks();
        if (peek() == ',') {
          at++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = at < s.length() ? s.charAt(at++) : ' ';
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > s.length()) {
              throw error("short \\u escape");
            }
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      }
    }

    private Double number() {
      int start = at;
      while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
      try {
        return Double.valueOf(s.substring(start, at));
      } catch (NumberFormatException e) {
        at = start;
        throw error("not a value");
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, at)) {
        throw error("not a value");
      }
      at += word.length();
      return value;
    }

    private char peek() {
      return at < s.length() ? s.charAt(at) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    void blanks() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad JSON at offset " + at + ": " + what);
    }
  }
}
