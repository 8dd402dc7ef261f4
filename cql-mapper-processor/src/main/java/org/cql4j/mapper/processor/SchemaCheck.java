package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.processor.CqlSchema.CqlType;
import org.cql4j.mapper.processor.CqlSchema.Table;
import org.cql4j.mapper.processor.CqlText.Token;
import org.cql4j.mapper.processor.DaoModel.Binding;
import org.cql4j.mapper.processor.DaoModel.Parameter;

/**
 * Checks a DAO statement against the schema given with {@code -Acql4j.schema}: the keyspace and
 * table it names, every column it names (select clause, INSERT column list, SET, WHERE and IF
 * conditions, DELETE columns), the Java type of each parameter against the CQL type of the column
 * its marker is compared with or assigned to ({@code USING TTL ?} and {@code LIMIT ?} are ints,
 * {@code USING TIMESTAMP ?} a bigint, {@code IN ?} a list), and the components of a {@code @Row}
 * result against the selected columns' types ({@code SELECT *} selects every column of the table).
 * Confined to the processor's thread.
 */
final class SchemaCheck {
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

  private final CqlSchema schema;
  private final Problems problems;
  private final CqlTypeFit fit;
  private final SelectedColumns names;

  SchemaCheck(CqlSchema schema, Types types, Problems problems, SelectedColumns names) {
    this.schema = schema;
    this.problems = problems;
    this.fit = new CqlTypeFit(types);
    this.names = names;
  }

  /** A bind marker and the type of the column it stands for, once known. */
  private record Marker(String name, CqlType type, String column) {}

  /**
   * Checks one method's statement.
   *
   * @param m the method
   * @param where {@code PersonDao.find}, for messages
   * @param text its CQL
   * @param parameters its parameters
   * @param binding how they bind
   * @param rowType the row type it reads, or null
   */
  void check(
      ExecutableElement m,
      String where,
      CqlText text,
      List<Parameter> parameters,
      Binding binding,
      TypeMirror rowType) {
    List<Token> tokens = text.tokens();
    if (tokens.isEmpty()) {
      return;
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
      return;
    }
    Optional<Table> found = table(m, where, tokens, at);
    if (found.isEmpty()) {
      return;
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
    checkParameters(m, where, parameters, binding, markers);
    if (rowType != null && verb.equals("SELECT")) {
      if (star) {
        selected.addAll(table.columns().keySet());
      }
      checkRow(m, where, table, text, selected, star, rowType);
    }
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

  /** Each parameter's Java type against the type of the column its marker stands for. */
  private void checkParameters(
      ExecutableElement m,
      String where,
      List<Parameter> parameters,
      Binding binding,
      List<Marker> markers) {
    List<? extends VariableElement> elements = m.getParameters();
    switch (binding) {
      case POSITIONAL -> {
        for (int i = 0; i < markers.size() && i < elements.size(); i++) {
          checkParameter(where, elements.get(i), markers.get(i));
        }
      }
      case NAMED -> {
        Map<String, VariableElement> byMarker = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
          byMarker.put(parameters.get(i).marker(), elements.get(i));
        }
        for (Marker marker : markers) {
          VariableElement p = byMarker.get(marker.name());
          if (p != null) {
            checkParameter(where, p, marker);
          }
        }
      }
      case ROW -> checkRowParameter(where, elements.get(0), markers);
      default -> {}
    }
  }

  private void checkParameter(String where, VariableElement p, Marker marker) {
    if (marker.type() != null && !fit.fits(p.asType(), marker.type())) {
      problems.error(
          p,
          ErrorId.TypeMismatch,
          "parameter '"
              + p.getSimpleName()
              + "' of "
              + where
              + " is "
              + Problems.simpleTypeName(p.asType())
              + ", which cannot bind to "
              + marker.column()
              + " of CQL type "
              + marker.type());
    }
  }

  private void checkRowParameter(String where, VariableElement p, List<Marker> markers) {
    Map<String, RecordComponentElement> components = components(p.asType());
    for (Marker marker : markers) {
      RecordComponentElement c = marker.name() == null ? null : components.get(marker.name());
      if (c != null && marker.type() != null && !fit.fits(c.asType(), marker.type())) {
        problems.error(
            p,
            ErrorId.TypeMismatch,
            "component '"
                + c.getSimpleName()
                + "' of "
                + Problems.simpleTypeName(p.asType())
                + ", bound by "
                + where
                + ", is "
                + Problems.simpleTypeName(c.asType())
                + ", which cannot bind to "
                + marker.column()
                + " of CQL type "
                + marker.type());
      }
    }
  }

  /** The components of a record by the name they map to (its {@code @CqlName} or its own). */
  private static Map<String, RecordComponentElement> components(TypeMirror record) {
    Map<String, RecordComponentElement> byName = new HashMap<>();
    if (record.getKind() == TypeKind.DECLARED
        && ((DeclaredType) record).asElement() instanceof TypeElement element) {
      for (RecordComponentElement c : element.getRecordComponents()) {
        CqlName name = c.getAnnotation(CqlName.class);
        byName.put(name == null ? c.getSimpleName().toString() : name.value(), c);
      }
    }
    return byName;
  }

  /** The result type against the selected columns' types. */
  private void checkRow(
      ExecutableElement m,
      String where,
      Table table,
      CqlText text,
      List<String> selected,
      boolean star,
      TypeMirror rowType) {
    boolean isRow =
        rowType.getKind() == TypeKind.DECLARED
            && ((DeclaredType) rowType).asElement().getAnnotation(Row.class) != null;
    List<String> sources = new ArrayList<>(); // the column each result column comes from
    if (star) {
      sources.addAll(table.columns().keySet());
    } else {
      sources.addAll(sourceColumns(text, selected));
    }
    if (!isRow) {
      if (selected.size() == 1 && sources.size() == 1) {
        CqlType type = table.columns().get(sources.get(0));
        if (type != null && !fit.fits(rowType, type)) {
          problems.error(
              m,
              ErrorId.TypeMismatch,
              where
                  + " reads column '"
                  + selected.get(0)
                  + "' of CQL type "
                  + type
                  + " as "
                  + Problems.simpleTypeName(rowType)
                  + ", which cannot hold it");
        }
      }
      return;
    }
    if (star) {
      names.checkNames(m, where, selected, rowType);
    }
    Map<String, RecordComponentElement> components = components(rowType);
    for (int i = 0; i < selected.size() && i < sources.size(); i++) {
      RecordComponentElement c = components.get(selected.get(i));
      CqlType type = table.columns().get(sources.get(i));
      if (c != null && type != null && !fit.fits(c.asType(), type)) {
        problems.error(
            m,
            ErrorId.TypeMismatch,
            where
                + " reads column '"
                + selected.get(i)
                + "' of CQL type "
                + type
                + " into component '"
                + c.getSimpleName()
                + "' of "
                + Problems.simpleTypeName(rowType)
                + ", a "
                + Problems.simpleTypeName(c.asType())
                + ", which cannot hold it");
      }
    }
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
