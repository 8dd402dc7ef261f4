package org.cql4j.testkit.internal.nullserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the CQL subset the null server answers; {@link #parse} is thread-safe (each call has its
 * own parser instance, confined to the calling thread).
 *
 * <p>The subset: {@code USE}, {@code SELECT} of plain columns with {@code =}/{@code IN}/comparison
 * restrictions and a literal {@code LIMIT}, and {@code INSERT ... VALUES}; {@code UPDATE}, {@code
 * DELETE}, {@code BEGIN BATCH} and {@code TRUNCATE} are recognized as writes. Anything else is
 * rejected with a message saying what is supported.
 */
final class StatementParser {
  private final List<String> tokens;
  private int pos;

  private StatementParser(List<String> tokens) {
    this.tokens = tokens;
  }

  /**
   * Parses one statement.
   *
   * @param cql the statement text
   * @return the statement
   * @throws IllegalArgumentException naming what is not supported
   */
  static CqlStatement parse(String cql) {
    StatementParser p = new StatementParser(CqlTokens.split(cql));
    CqlStatement statement = p.statement();
    p.acceptKeyword(";");
    if (p.pos < p.tokens.size()) {
      throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return statement;
  }

  private CqlStatement statement() {
    String first = keyword();
    switch (first) {
      case "use":
        return new CqlStatement.Use(identifier());
      case "select":
        return select();
      case "insert":
        return insert();
      case "update", "delete", "begin", "truncate":
        pos = tokens.size();
        return new CqlStatement.OtherWrite();
      default:
        throw new IllegalArgumentException(
            "'" + first + "' statements are not supported (only USE, SELECT and INSERT)");
    }
  }

  private CqlStatement.Select select() {
    List<String> columns = new ArrayList<>();
    if (!acceptKeyword("*")) {
      do {
        String column = identifier();
        if (peekIs("(") || peekIs("as")) {
          throw new IllegalArgumentException(
              "functions and aliases are not supported (at '" + column + "')");
        }
        columns.add(column);
      } while (acceptKeyword(","));
    }
    expectKeyword("from");
    String[] table = tableName();
    List<CqlStatement.Restriction> where = new ArrayList<>();
    if (acceptKeyword("where")) {
      do {
        where.add(restriction());
      } while (acceptKeyword("and"));
    }
    int limit = -1;
    while (pos < tokens.size() && !peekIs(";")) {
      String keyword = keyword();
      switch (keyword) {
        case "limit" -> limit = Integer.parseInt(next());
        case "allow" -> expectKeyword("filtering");
        default -> throw new IllegalArgumentException("unexpected '" + keyword + "'");
      }
    }
    return new CqlStatement.Select(table[0], table[1], columns, where, limit);
  }

  private CqlStatement.Restriction restriction() {
    String column = identifier();
    String op = keyword();
    List<String> markers = new ArrayList<>();
    switch (op) {
      case "=", "<", ">", "<=", ">=" -> term(column, markers);
      case "in" -> {
        expectKeyword("(");
        do {
          term(column, markers);
        } while (acceptKeyword(","));
        expectKeyword(")");
      }
      default ->
          throw new IllegalArgumentException(
              "operator '" + op + "' is not supported (only =, IN, <, >, <=, >=)");
    }
    return new CqlStatement.Restriction(column, op.equals("=") || op.equals("in"), markers);
  }

  private CqlStatement.Insert insert() {
    expectKeyword("into");
    String[] table = tableName();
    List<String> columns = new ArrayList<>();
    expectKeyword("(");
    do {
      columns.add(identifier());
    } while (acceptKeyword(","));
    expectKeyword(")");
    expectKeyword("values");
    expectKeyword("(");
    List<String> markers = new ArrayList<>();
    int i = 0;
    do {
      if (i >= columns.size()) {
        throw new IllegalArgumentException("more values than columns");
      }
      List<String> one = new ArrayList<>(1);
      term(columns.get(i++), one);
      markers.add(one.isEmpty() ? null : one.get(0));
    } while (acceptKeyword(","));
    expectKeyword(")");
    if (markers.size() != columns.size()) {
      throw new IllegalArgumentException("fewer values than columns");
    }
    // IF NOT EXISTS, USING TTL/TIMESTAMP: ignored, the write is discarded anyway
    pos = tokens.size();
    return new CqlStatement.Insert(table[0], table[1], columns, markers);
  }

  /** A literal or a bind marker; adds the marker's name (the column for {@code ?}). */
  private void term(String column, List<String> markers) {
    String t = next();
    if (t.equals("?")) {
      markers.add(column);
    } else if (t.equals(":")) {
      markers.add(identifier());
    } else if (t.equals("(") || t.equals("[") || t.equals("{")) {
      throw new IllegalArgumentException("collection and tuple literals are not supported");
    }
    // any other token is a literal: a string, number, uuid, boolean or null
  }

  private String[] tableName() {
    String first = identifier();
    if (acceptKeyword(".")) {
      return new String[] {first, identifier()};
    }
    return new String[] {null, first};
  }

  /** An identifier: unquoted ones are case-insensitive, quoted ones keep their case. */
  private String identifier() {
    String t = next();
    if (t.startsWith("\"")) {
      return t.substring(1, t.length() - 1).replace("\"\"", "\"");
    }
    if (!Character.isLetter(t.charAt(0))) {
      throw new IllegalArgumentException("expected a name, got '" + t + "'");
    }
    return t.toLowerCase(Locale.ROOT);
  }

  private String keyword() {
    return next().toLowerCase(Locale.ROOT);
  }

  private boolean peekIs(String keyword) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(keyword);
  }

  private boolean acceptKeyword(String keyword) {
    if (peekIs(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!acceptKeyword(keyword)) {
      throw new IllegalArgumentException(
          "expected '"
              + keyword
              + "', got "
              + (pos < tokens.size() ? "'" + tokens.get(pos) + "'" : "the end"));
    }
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw new IllegalArgumentException("unexpected end of statement");
    }
    return tokens.get(pos++);
  }
}
