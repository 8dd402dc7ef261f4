package org.cql4j.mapper.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cql4j.mapper.processor.CqlText.Token;

/**
 * The keyspaces, tables and user types that the {@code CREATE} statements of a schema file declare,
 * for the processor's checks of DAO statements ({@code -Acql4j.schema=<file or folder>}); immutable
 * once read. Reads {@code CREATE KEYSPACE}, {@code CREATE TABLE}, {@code CREATE TYPE} and {@code
 * USE} (which sets the keyspace of unqualified names that follow); other statements are skipped, as
 * are table options. Names fold to lower case unless quoted, as in CQL.
 *
 * @param keyspaces the keyspaces by name
 */
record CqlSchema(Map<String, Keyspace> keyspaces) {

  /** A keyspace's tables and user types, by name. */
  record Keyspace(String name, Map<String, Table> tables, Map<String, CqlType> types) {}

  /** A table's columns in declaration order. */
  record Table(String keyspace, String name, Map<String, CqlType> columns) {
    String qualifiedName() {
      return keyspace + "." + name;
    }
  }

  /**
   * A CQL type as written: a native type ({@code int}), a collection or tuple with arguments, a
   * vector with its element and size, or a user type by name (with its fields when the schema
   * declares it). {@code frozen<...>} is dropped: it does not change which Java types fit.
   *
   * @param name {@code int}, {@code list}, {@code map}, {@code tuple}, {@code vector}, or {@code
   *     udt}
   * @param arguments the element types, or a user type's field types
   * @param udtName the user type's name, for {@code udt}
   */
  record CqlType(String name, List<CqlType> arguments, String udtName) {
    @Override
    public String toString() {
      if (name.equals("udt")) {
        return udtName;
      }
      if (arguments.isEmpty()) {
        return name;
      }
      List<String> args = new ArrayList<>();
      arguments.forEach(a -> args.add(a.toString()));
      return name + "<" + String.join(", ", args) + ">";
    }
  }

  /**
   * Reads a file, or every {@code .cql} file of a folder in name order.
   *
   * @param path the file or folder
   * @return the schema
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException for a statement this reader cannot follow, naming it
   */
  static CqlSchema read(Path path) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> listing = Files.list(path)) {
        listing.filter(p -> p.toString().endsWith(".cql")).sorted().forEach(files::add);
      }
    } else {
      files.add(path);
    }
    Builder builder = new Builder();
    for (Path file : files) {
      builder.read(Files.readString(file));
    }
    return new CqlSchema(builder.keyspaces);
  }

  /** Parses CQL text (for tests). */
  static CqlSchema parse(String cql) {
    Builder builder = new Builder();
    builder.read(cql);
    return new CqlSchema(builder.keyspaces);
  }

  /**
   * The table a statement names: {@code ks.t}, or {@code t} in the only keyspace that has one.
   *
   * @param keyspace the keyspace the statement names, or null
   * @param table the table
   * @return the table, or empty
   */
  Optional<Table> table(String keyspace, String table) {
    if (keyspace != null) {
      return Optional.ofNullable(keyspaces.get(keyspace)).map(k -> k.tables().get(table));
    }
    List<Table> found = new ArrayList<>();
    keyspaces
        .values()
        .forEach(k -> Optional.ofNullable(k.tables().get(table)).ifPresent(found::add));
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /** Reads statements one by one; confined to one thread. */
  private static final class Builder {
    private final Map<String, Keyspace> keyspaces = new LinkedHashMap<>();
    private String current;

    void read(String text) {
      List<Token> all = CqlText.read(text).tokens();
      List<Token> statement = new ArrayList<>();
      for (Token t : all) {
        if (t.kind() == Token.Kind.SYMBOL && t.text().equals(";")) {
          statement(statement);
          statement = new ArrayList<>();
        } else {
          statement.add(t);
        }
      }
      statement(statement);
    }

    private void statement(List<Token> tokens) {
      if (tokens.isEmpty()) {
        return;
      }
      Cursor c = new Cursor(tokens);
      if (c.keyword("USE")) {
        current = c.name();
        keyspace(current);
        return;
      }
      if (!c.keyword("CREATE")) {
        return;
      }
      if (c.keyword("KEYSPACE")) {
        c.ifNotExists();
        keyspace(c.name());
      } else if (c.keyword("TABLE") || c.keyword("COLUMNFAMILY")) {
        c.ifNotExists();
        String[] name = qualified(c);
        Map<String, CqlType> columns = new LinkedHashMap<>();
        c.expect("(");
        while (!c.symbol(")")) {
          if (c.keyword("PRIMARY")) {
            c.skipParenthesized(); // KEY (...)
          } else {
            String column = c.name();
            columns.put(column, type(c));
            c.skipColumnModifiers();
          }
          c.symbol(",");
        }
        keyspace(name[0]).tables().put(name[1], new Table(name[0], name[1], columns));
      } else if (c.keyword("TYPE")) {
        c.ifNotExists();
        String[] name = qualified(c);
        List<CqlType> fields = new ArrayList<>();
        c.expect("(");
        while (!c.symbol(")")) {
          c.name();
          fields.add(type(c));
          c.symbol(",");
        }
        keyspace(name[0]).types().put(name[1], new CqlType("udt", fields, name[1]));
      }
    }

    private Keyspace keyspace(String name) {
      return keyspaces.computeIfAbsent(
          name, n -> new Keyspace(n, new LinkedHashMap<>(), new LinkedHashMap<>()));
    }

    private String[] qualified(Cursor c) {
      String[] parts = c.qualifiedName();
      if (parts[0] == null) {
        if (current == null) {
          throw new IllegalArgumentException(
              "'" + parts[1] + "' names no keyspace, and no USE statement came before it");
        }
        parts[0] = current;
      }
      return parts;
    }

    private CqlType type(Cursor c) {
      String name = c.name();
      if (name.equals("frozen")) {
        c.expect("<");
        CqlType inner = type(c);
        c.expect(">");
        return inner;
      }
      if (c.symbol("<")) {
        List<CqlType> args = new ArrayList<>();
        do {
          if (name.equals("vector") && !args.isEmpty()) {
            args.add(new CqlType(c.name(), List.of(), null)); // the dimension
          } else {
            args.add(type(c));
          }
        } while (c.symbol(","));
        c.expect(">");
        return new CqlType(name, List.copyOf(args), null);
      }
      if (NATIVE.contains(name)) {
        return new CqlType(name, List.of(), null);
      }
      String udt = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
      return new CqlType("udt", List.of(), udt);
    }
  }

  static final List<String> NATIVE =
      List.of(
          "ascii",
          "bigint",
          "blob",
          "boolean",
          "counter",
          "date",
          "decimal",
          "double",
          "duration",
          "float",
          "inet",
          "int",
          "smallint",
          "text",
          "time",
          "timestamp",
          "timeuuid",
          "tinyint",
          "uuid",
          "varchar",
          "varint");

  /** Walks a statement's tokens; confined to one thread. */
  static final class Cursor {
    private final List<Token> tokens;
    private int i;

    Cursor(List<Token> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return i >= tokens.size();
    }

    Token peek() {
      return atEnd() ? null : tokens.get(i);
    }

    boolean keyword(String keyword) {
      if (!atEnd() && tokens.get(i).isKeyword(keyword)) {
        i++;
        return true;
      }
      return false;
    }

    boolean symbol(String symbol) {
      if (!atEnd()
          && tokens.get(i).kind() == Token.Kind.SYMBOL
          && tokens.get(i).text().equals(symbol)) {
        i++;
        return true;
      }
      return false;
    }

    void expect(String symbol) {
      if (!symbol(symbol)) {
        throw new IllegalArgumentException(
            "expected '" + symbol + "' but found " + (atEnd() ? "the end" : peek().text()));
      }
    }

    void ifNotExists() {
      if (keyword("IF")) {
        keyword("NOT");
        keyword("EXISTS");
      }
    }

    /** A word or quoted name (a word may hold a dot: {@code ks.t}). */
    String name() {
      Token t = atEnd() ? null : tokens.get(i++);
      if (t == null || t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED) {
        throw new IllegalArgumentException(
            "expected a name but found " + (t == null ? "the end" : t.text()));
      }
      return t.kind() == Token.Kind.QUOTED ? t.text() : t.text().toLowerCase(Locale.ROOT);
    }

    /** {@code ks.t}, {@code "Ks"."T"} or {@code t}: {keyspace or null, name}. */
    String[] qualifiedName() {
      Token first = peek();
      String name = name();
      if (first.kind() == Token.Kind.WORD && name.contains(".")) {
        int dot = name.indexOf('.');
        return new String[] {name.substring(0, dot), name.substring(dot + 1)};
      }
      if (symbol(".")) {
        return new String[] {name, name()};
      }
      return new String[] {null, name};
    }

    /** {@code STATIC}, {@code PRIMARY KEY} after a column's type. */
    void skipColumnModifiers() {
      boolean more = true;
      while (more) {
        more = keyword("STATIC") || keyword("PRIMARY") || keyword("KEY");
      }
    }

    void skipParenthesized() {
      while (!atEnd() && !symbol("(")) {
        i++;
      }
      int depth = 1;
      while (!atEnd() && depth > 0) {
        if (symbol("(")) {
          depth++;
        } else if (symbol(")")) {
          depth--;
        } else {
          i++;
        }
      }
    }
  }
}
