package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the processor reads from a statement's CQL text without a schema: its bind markers and, for
 * a SELECT, the names of the selected columns. A lexer, not a parser: it skips string literals,
 * quoted identifiers, {@code $$} strings and comments, and understands enough of the select clause
 * (identifiers, {@code AS} aliases, {@code *}) to name the result columns; anything else there
 * (function calls, casts) leaves the columns unknown, and the checks that need them are skipped.
 * Immutable.
 *
 * @param positionalMarkers the number of {@code ?} markers
 * @param namedMarkers the {@code :name} markers in order of appearance, repeats included (unquoted
 *     names in lower case, as CQL folds them)
 * @param selected the result columns of a SELECT with an explicit select clause, or empty
 * @param tokens the statement's words and symbols outside literals (keywords upper-cased,
 *     identifiers as written), for the schema checks
 */
record CqlText(
    int positionalMarkers,
    List<String> namedMarkers,
    Optional<List<String>> selected,
    List<Token> tokens) {

  /** A word, quoted identifier, symbol, marker or literal of the statement. */
  record Token(Kind kind, String text) {
    /** What a token is. */
    enum Kind {
      WORD,
      QUOTED,
      SYMBOL,
      MARKER,
      LITERAL
    }

    /** The CQL name this word or quoted identifier stands for (unquoted words fold to lower). */
    String name() {
      return kind == Kind.QUOTED ? text : text.toLowerCase(Locale.ROOT);
    }

    boolean isKeyword(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  /**
   * Reads a statement.
   *
   * @param cql the CQL text
   * @return what it holds
   * @throws IllegalArgumentException for an unterminated literal, quoted name or comment
   */
  static CqlText read(String cql) {
    List<Token> tokens = tokenize(cql);
    int positional = 0;
    List<String> named = new ArrayList<>();
    for (Token t : tokens) {
      if (t.kind() == Token.Kind.MARKER) {
        if (t.text().equals("?")) {
          positional++;
        } else {
          named.add(t.text());
        }
      }
    }
    return new CqlText(positional, List.copyOf(named), selected(tokens), List.copyOf(tokens));
  }

  private static List<Token> tokenize(String cql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = cql.length();
    while (i < n) {
      char c = cql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && cql.charAt(i + 1) == '-'
          || c == '/' && i + 1 < n && cql.charAt(i + 1) == '/') {
        int end = cql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && cql.charAt(i + 1) == '*') {
        int end = cql.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("an unterminated /* comment");
        }
        i = end + 2;
      } else if (c == '\'') {
        int end = closing(cql, i, '\'');
        tokens.add(new Token(Token.Kind.LITERAL, cql.substring(i, end + 1)));
        i = end + 1;
      } else if (c == '"') {
        int end = closing(cql, i, '"');
        tokens.add(new Token(Token.Kind.QUOTED, cql.substring(i + 1, end).replace("\"\"", "\"")));
        i = end + 1;
      } else if (c == '$' && i + 1 < n && cql.charAt(i + 1) == '$') {
        int end = cql.indexOf("$$", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("an unterminated $$ string");
        }
        tokens.add(new Token(Token.Kind.LITERAL, cql.substring(i, end + 2)));
        i = end + 2;
      } else if (c == '?') {
        tokens.add(new Token(Token.Kind.MARKER, "?"));
        i++;
      } else if (c == ':' && i + 1 < n && isNameStart(cql.charAt(i + 1))) {
        int end = wordEnd(cql, i + 1);
        tokens.add(
            new Token(Token.Kind.MARKER, cql.substring(i + 1, end).toLowerCase(Locale.ROOT)));
        i = end;
      } else if (c == ':' && i + 1 < n && cql.charAt(i + 1) == '"') {
        int end = closing(cql, i + 1, '"');
        tokens.add(new Token(Token.Kind.MARKER, cql.substring(i + 2, end).replace("\"\"", "\"")));
        i = end + 1;
      } else if (isNameStart(c) || Character.isDigit(c)) {
        int end = wordEnd(cql, i);
        tokens.add(new Token(Token.Kind.WORD, cql.substring(i, end)));
        i = end;
      } else {
        tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    return tokens;
  }

  // the index of the quote closing the literal or name opened at `open`; doubled quotes escape
  private static int closing(String cql, int open, char quote) {
    int i = open + 1;
    while (i < cql.length()) {
      if (cql.charAt(i) == quote) {
        if (i + 1 < cql.length() && cql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    throw new IllegalArgumentException(
        "an unterminated " + (quote == '"' ? "quoted name" : "string literal"));
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  // a name, keyspace.table, or a constant; a constant starting with a digit may hold dashes (a
  // uuid) and a fraction
  private static int wordEnd(String cql, int i) {
    boolean constant = Character.isDigit(cql.charAt(i));
    while (i < cql.length()) {
      char c = cql.charAt(i);
      boolean dash = constant && c == '-' && i + 1 < cql.length() && isHex(cql.charAt(i + 1));
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || dash)) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /** The result column names of {@code SELECT a, b AS c, "D" FROM ...}; empty when unknown. */
  private static Optional<List<String>> selected(List<Token> tokens) {
    if (tokens.isEmpty() || !tokens.get(0).isKeyword("SELECT")) {
      return Optional.empty();
    }
    int i = 1;
    if (i < tokens.size() && tokens.get(i).isKeyword("DISTINCT")) {
      i++;
    }
    if (i < tokens.size() && tokens.get(i).isKeyword("JSON")) {
      return Optional.empty();
    }
    List<String> columns = new ArrayList<>();
    List<Token> item = new ArrayList<>();
    for (; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isKeyword("FROM")) {
        return column(item).map(last -> append(columns, last));
      }
      if (t.kind() == Token.Kind.SYMBOL && t.text().equals(",")) {
        Optional<String> c = column(item);
        if (c.isEmpty()) {
          return Optional.empty();
        }
        columns.add(c.get());
        item.clear();
      } else {
        item.add(t);
      }
    }
    return Optional.empty();
  }

  private static List<String> append(List<String> columns, String last) {
    columns.add(last);
    return List.copyOf(columns);
  }

  // `name`, `"Name"`, or anything `AS alias`; null for what has no name known without a schema
  private static Optional<String> column(List<Token> item) {
    if (item.size() >= 3 && item.get(item.size() - 2).isKeyword("AS")) {
      Token alias = item.get(item.size() - 1);
      return isName(alias) ? Optional.of(alias.name()) : Optional.empty();
    }
    if (item.size() == 1 && isName(item.get(0)) && !item.get(0).text().contains(".")) {
      return Optional.of(item.get(0).name());
    }
    return Optional.empty();
  }

  private static boolean isName(Token t) {
    return t.kind() == Token.Kind.QUOTED
        || t.kind() == Token.Kind.WORD && !Character.isDigit(t.text().charAt(0));
  }
}
