package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import org.cql4j.mapper.processor.CqlSchema.CqlType;
import org.cql4j.mapper.processor.CqlSchema.Table;
import org.cql4j.mapper.processor.CqlText.Token;

/**
 * Reads what a DAO statement names against the schema: its table (reporting an unknown keyspace or
 * table), every column it names in the select clause, the INSERT column list, SET, WHERE, IF and
 * DELETE (reporting unknown ones), and the CQL type each bind marker stands for: the column it is
 * assigned to or compared with ({@code IN ?} a list of it, {@code CONTAINS ?} an element), {@code
 * int} for {@code USING TTL ?} and {@code LIMIT ?}, {@code bigint} for {@code USING TIMESTAMP ?}.
 * Confined to the processor's thread.
 */
final class SchemaStatement {
  private static final Set<String> NOT_COLUMNS =
      Set.of(
          "and",
          "in",
          "contains",
          "key",
          "if",
          "exists",
          "not",
          "null",
          "true",
          "false",
          "using",
          "ttl",
          "timestamp",
          "limit",
          "per",
          "partition",
          "allow",
          "filtering",
          "order",
          "by",
          "asc",
          "desc",
          "group",
          "set",
          "where",
          "from",
          "values",
          "into",
          "as",
          "distinct",
          "json",
          "token",
          "like",
          "is");
  private static final Set<String> OPERATORS = Set.of("=", "<", ">", "!", "[");

  /** A bind marker and the type of the column it stands for, when known. */
  record Marker(String name, CqlType type, String column) {}

  /**
   * What a statement names.
   *
   * @param verb {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
   * @param table its table
   * @param selected the names of the result columns (every column for {@code *})
   * @param sources the column each result column reads (its alias renames it), or empty
   * @param star whether it selects {@code *}
   * @param markers its bind markers in order
   */
  record Analysis(
      String verb,
      Table table,
      List<String> selected,
      List<String> sources,
      boolean star,
      List<Marker> markers) {}

  private final CqlSchema schema;
  private final Problems problems;

  SchemaStatement(CqlSchema schema, Problems problems) {
    this.schema = schema;
    this.problems = problems;
  }

  /** The statement's table, columns and markers; empty when it names no known table. */
  Optional<Analysis> read(ExecutableElement m, String where, CqlText text) {
    List<Token> tokens = text.tokens();
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    String verb = tokens.get(0).text().toUpperCase(Locale.ROOT);
    int at =
        switch (verb) {
          case "SELECT", "DELETE" -> indexOfKeyword(tokens, "FROM") + 1;
          case "INSERT" -> indexOfKeyword(tokens, "INTO") + 1;
          case "UPDATE" -> 1;
          default -> -1;
        };
    if (at <= 0 || at >= tokens.size()) {
      return Optional.empty();
    }
    Optional<Table> found = table(m, where, tokens, at);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Table table = found.get();
    List<Marker> markers = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    boolean star = false;
    int end = at + tableTokens(tokens, at);
    if (verb.equals("SELECT") || verb.equals("DELETE")) {
      star = selectClause(m, where, table, tokens, 1, at - 1, selected);
    }
    if (verb.equals("INSERT")) {
      end = insert(m, where, table, tokens, end, markers);
    }
    conditions(m, where, table, tokens, end, markers);
    List<String> sources;
    if (star) {
      selected.addAll(table.columns().keySet());
      sources = List.copyOf(selected);
    } else {
      sources = sourceColumns(text, selected);
    }
    return Optional.of(
        new Analysis(verb, table, List.copyOf(selected), sources, star, List.copyOf(markers)));
  }

  private static int indexOfKeyword(List<Token> tokens, String keyword) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isKeyword(keyword)) {
        return i;
      }
    }
    return -1;
  }

  // ks.t is one word; "Ks"."T" is three tokens
  private static int tableTokens(List<Token> tokens, int at) {
    return at + 2 < tokens.size()
            && tokens.get(at + 1).kind() == Token.Kind.SYMBOL
            && tokens.get(at + 1).text().equals(".")
        ? 3
        : 1;
  }

  private Optional<Table> table(ExecutableElement m, String where, List<Token> tokens, int at) {
    String keyspace = null;
    String name;
    if (tableTokens(tokens, at) == 3) {
      keyspace = tokens.get(at).name();
      name = tokens.get(at + 2).name();
    } else {
      Token t = tokens.get(at);
      name = t.name();
      int dot = t.kind() == Token.Kind.WORD ? name.indexOf('.') : -1;
      if (dot > 0) {
        keyspace = name.substring(0, dot);
        name = name.substring(dot + 1);
      }
    }
    if (keyspace != null && !schema.keyspaces().containsKey(keyspace)) {
      problems.error(
          m,
          ErrorId.UnknownKeyspace,
          where
              + " names keyspace '"
              + keyspace
              + "', which the schema does not declare (keyspaces: "
              + String.join(", ", schema.keyspaces().keySet())
              + ")");
      return Optional.empty();
    }
    Optional<Table> table = schema.table(keyspace, name);
    if (table.isEmpty()) {
      String tableName = name;
      boolean ambiguous =
          keyspace == null
              && schema.keyspaces().values().stream()
                      .filter(k -> k.tables().containsKey(tableName))
                      .count()
                  > 1;
      if (!ambiguous) {
        List<String> known = new ArrayList<>();
        schema
            .keyspaces()
            .values()
            .forEach(k -> k.tables().keySet().forEach(t -> known.add(k.name() + "." + t)));
        problems.error(
            m,
            ErrorId.UnknownTable,
            where
                + " names table '"
                + (keyspace == null ? "" : keyspace + ".")
                + name
                + "', which the schema does not declare (tables: "
                + String.join(", ", known)
                + ")");
      }
    }
    return table;
  }

  /** The columns of {@code SELECT a, b AS c FROM}; returns whether it is {@code *}. */
  private boolean selectClause(
      ExecutableElement m,
      String where,
      Table table,
      List<Token> tokens,
      int from,
      int to,
      List<String> selected) {
    List<Token> item = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      Token t = i < to ? tokens.get(i) : null;
      if (t != null && t.kind() == Token.Kind.SYMBOL && t.text().equals("*")) {
        return true;
      }
      if (t == null || t.kind() == Token.Kind.SYMBOL && t.text().equals(",")) {
        if (!item.isEmpty() && isName(item.get(0)) && (item.size() == 1 || isAlias(item))) {
          String column = item.get(0).name();
          if (column(m, where, table, column) != null) {
            selected.add(item.size() == 1 ? column : item.get(2).name());
          }
        }
        item.clear();
      } else if (!t.isKeyword("DISTINCT") && !t.isKeyword("JSON")) {
        item.add(t);
      }
    }
    return false;
  }

  private static boolean isAlias(List<Token> item) {
    return item.size() == 3 && item.get(1).isKeyword("AS");
  }

  /** {@code INSERT INTO t (a, b) VALUES (?, :x)}; returns where the rest (USING, IF) starts. */
  private int insert(
      ExecutableElement m,
      String where,
      Table table,
      List<Token> tokens,
      int at,
      List<Marker> markers) {
    List<String> columns = new ArrayList<>();
    int i = at;
    if (i < tokens.size() && tokens.get(i).text().equals("(")) {
      for (i++; i < tokens.size() && !tokens.get(i).text().equals(")"); i++) {
        if (isName(tokens.get(i))) {
          columns.add(tokens.get(i).name());
          column(m, where, table, tokens.get(i).name());
        }
      }
      i++;
    }
    if (i < tokens.size() && tokens.get(i).isKeyword("VALUES")) {
      int value = 0;
      int depth = 0;
      for (i++; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.text().equals("(")) {
          depth++;
        } else if (t.text().equals(")")) {
          if (--depth == 0) {
            return i + 1;
          }
        } else if (t.text().equals(",") && depth == 1) {
          value++;
        } else if (t.kind() == Token.Kind.MARKER && depth == 1 && value < columns.size()) {
          String column = columns.get(value);
          CqlType type = table.columns().get(column);
          markers.add(new Marker(markerName(t, column), type, column));
        }
      }
    }
    return i;
  }

  /**
   * Columns named in SET, WHERE, IF and USING, and the markers compared with or assigned to them.
   */
  private void conditions(
      ExecutableElement m,
      String where,
      Table table,
      List<Token> tokens,
      int from,
      List<Marker> markers) {
    for (int i = from; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Token.Kind.MARKER) {
        markers.add(new Marker(markerName(t, null), null, null)); // a marker we cannot type
        continue;
      }
      if (t.isKeyword("TTL") || t.isKeyword("LIMIT") || t.isKeyword("TIMESTAMP")) {
        if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.MARKER) {
          String type = t.isKeyword("TIMESTAMP") ? "bigint" : "int";
          markers.add(
              new Marker(
                  markerName(tokens.get(i + 1), null),
                  new CqlType(type, List.of(), null),
                  t.text().toLowerCase(Locale.ROOT)));
          i++;
        }
        continue;
      }
      if (!isName(t)
          || NOT_COLUMNS.contains(t.name())
          || i + 1 >= tokens.size()
          || !isOperator(tokens.get(i + 1))) {
        continue;
      }
      CqlType type = column(m, where, table, t.name());
      if (type == null) {
        continue;
      }
      i = operand(tokens, i + 1, t.name(), type, markers);
    }
  }

  private static boolean isOperator(Token t) {
    return t.kind() == Token.Kind.SYMBOL && OPERATORS.contains(t.text())
        || t.isKeyword("IN")
        || t.isKeyword("CONTAINS")
        || t.isKeyword("LIKE");
  }

  // reads `= ?`, `IN ?`, `CONTAINS KEY ?`, `= c + ?`; returns the index of the last token read
  private int operand(
      List<Token> tokens, int op, String column, CqlType type, List<Marker> markers) {
    int i = op;
    Token operator = tokens.get(i);
    CqlType expected = type;
    if (operator.text().equals("[")) {
      return i; // an element or key of a collection: the marker types are the element's
    }
    if (operator.isKeyword("IN")) {
      expected = new CqlType("list", List.of(type), null);
    } else if (operator.isKeyword("CONTAINS")) {
      boolean key = i + 1 < tokens.size() && tokens.get(i + 1).isKeyword("KEY");
      if (key) {
        i++;
      }
      expected =
          type.arguments().isEmpty()
              ? null
              : type.arguments().get(key ? 0 : type.arguments().size() - 1);
    }
    while (i + 1 < tokens.size()
        && tokens.get(i + 1).kind() == Token.Kind.SYMBOL
        && Set.of("=", "<", ">").contains(tokens.get(i + 1).text())) {
      i++; // the rest of <=, >=, !=
    }
    // `c = c + ?` and `c = ? + c`
    if (i + 2 < tokens.size()
        && isName(tokens.get(i + 1))
        && tokens.get(i + 1).name().equals(column)
        && Set.of("+", "-").contains(tokens.get(i + 2).text())) {
      i += 2;
    }
    if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.MARKER) {
      markers.add(new Marker(markerName(tokens.get(i + 1), column), expected, column));
      return i + 1;
    }
    return i;
  }

  private static String markerName(Token marker, String column) {
    return marker.text().equals("?") ? column : marker.text();
  }

  private CqlType column(ExecutableElement m, String where, Table table, String column) {
    CqlType type = table.columns().get(column);
    if (type == null) {
      problems.error(
          m,
          ErrorId.UnknownColumn,
          where
              + " names column '"
              + column
              + "', which table "
              + table.qualifiedName()
              + " does not have (columns: "
              + String.join(", ", table.columns().keySet())
              + ")");
    }
    return type;
  }

  private static boolean isName(Token t) {
    return t.kind() == Token.Kind.QUOTED
        || t.kind() == Token.Kind.WORD && !Character.isDigit(t.text().charAt(0));
  }

  // the column behind each selected name: itself, or the column an alias renames
  private static List<String> sourceColumns(CqlText text, List<String> selected) {
    List<String> sources = new ArrayList<>();
    List<Token> tokens = text.tokens();
    int from = indexOfKeyword(tokens, "FROM");
    List<Token> item = new ArrayList<>();
    for (int i = 1; i <= from; i++) {
      Token t = i < from ? tokens.get(i) : null;
      if (t == null || t.text().equals(",")) {
        if (!item.isEmpty() && isName(item.get(0)) && (item.size() == 1 || isAlias(item))) {
          sources.add(item.get(0).name());
        }
        item.clear();
      } else if (!t.isKeyword("DISTINCT")) {
        item.add(t);
      }
    }
    return sources.size() == selected.size() ? sources : List.of();
  }
}
