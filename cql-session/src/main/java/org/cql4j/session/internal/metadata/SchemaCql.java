package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.CqlIdentifiers;
import org.cql4j.session.ColumnKind;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.IndexKind;
import org.cql4j.session.IndexMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.cql4j.session.ViewMetadata;

/**
 * Writes schema elements as CQL text, for the {@code describe()} methods of the metadata model.
 * Stateless and thread-safe.
 */
public final class SchemaCql {
  // the indentation of the lines inside a statement
  private static final String INDENT = "    ";

  // names that start a type: a user type of such a name must be quoted to be read as one
  private static final Set<String> TYPE_WORDS =
      Set.of(
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
          "varint",
          "frozen",
          "list",
          "set",
          "map",
          "tuple",
          "vector",
          "empty");

  private SchemaCql() {}

  /**
   * A name as a CQL identifier, quoted only when needed.
   *
   * @param name the name as the server stores it
   * @return the identifier
   */
  public static String id(String name) {
    return CqlIdentifiers.quoteIfNeeded(name);
  }

  /**
   * A name qualified with its keyspace, e.g. {@code ks."MyTable"}.
   *
   * @param keyspace the keyspace's name
   * @param name the element's name
   * @return the qualified identifier
   */
  public static String qualified(String keyspace, String name) {
    return id(keyspace) + "." + id(name);
  }

  /**
   * A type as it is declared in a table or user type of the given keyspace: the user types of that
   * keyspace unqualified (a table may only use those, so the text also works in another keyspace
   * holding the same types), collections, user types and tuples frozen where they are nested.
   *
   * @param type the type
   * @param frozen whether the declaration freezes the type itself
   * @param keyspace the keyspace of the declaring table or type
   * @return e.g. {@code map<text, frozen<address>>}
   */
  public static String type(ColumnType type, boolean frozen, String keyspace) {
    String cql = unfrozen(type, keyspace);
    return frozen ? "frozen<" + cql + ">" : cql;
  }

  private static String unfrozen(ColumnType type, String keyspace) {
    if (type instanceof ColumnType.ListType list) {
      return "list<" + nested(list.element(), keyspace) + ">";
    }
    if (type instanceof ColumnType.SetType set) {
      return "set<" + nested(set.element(), keyspace) + ">";
    }
    if (type instanceof ColumnType.MapType map) {
      return "map<" + nested(map.key(), keyspace) + ", " + nested(map.value(), keyspace) + ">";
    }
    if (type instanceof ColumnType.TupleType tuple) {
      StringJoiner components = new StringJoiner(", ", "tuple<", ">");
      tuple.components().forEach(c -> components.add(nested(c, keyspace)));
      return components.toString();
    }
    if (type instanceof ColumnType.VectorType vector) {
      return "vector<" + nested(vector.element(), keyspace) + ", " + vector.dimensions() + ">";
    }
    if (type instanceof ColumnType.UserType udt) {
      String name =
          TYPE_WORDS.contains(udt.name()) ? CqlIdentifiers.quote(udt.name()) : id(udt.name());
      return udt.keyspace().equals(keyspace) ? name : id(udt.keyspace()) + "." + name;
    }
    return type.toString(); // natives and custom types ('class.Name') print as CQL already
  }

  // CQL requires collections and user types nested in another type to be frozen; system_schema
  // writes tuples frozen too
  private static String nested(ColumnType type, String keyspace) {
    boolean freeze =
        type instanceof ColumnType.ListType
            || type instanceof ColumnType.SetType
            || type instanceof ColumnType.MapType
            || type instanceof ColumnType.TupleType
            || type instanceof ColumnType.UserType;
    return type(type, freeze, keyspace);
  }

  /**
   * A value as a CQL literal: strings single-quoted, maps as {@code {k: v, ...}}, other collections
   * as {@code [...]}, numbers and booleans as they print.
   *
   * @param value a string, number, boolean, map or collection of those
   * @return the literal
   */
  public static String literal(Object value) {
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner entries = new StringJoiner(", ", "{", "}");
      map.forEach((k, v) -> entries.add(literal(k) + ": " + literal(v)));
      return entries.toString();
    }
    if (value instanceof Collection<?> collection) {
      StringJoiner elements =
          new StringJoiner(
              ", ", value instanceof Set ? "{" : "[", value instanceof Set ? "}" : "]");
      collection.forEach(e -> elements.add(literal(e)));
      return elements.toString();
    }
    return String.valueOf(value);
  }

  /**
   * The {@code CREATE TABLE} statement of a table.
   *
   * @param table the table
   * @return the statement, ending with a semicolon
   */
  public static String createTable(TableMetadata table) {
    ColumnLayout layout = layout(table.columns(), table.partitionKey(), table.clusteringKey());
    String keyspace = table.keyspace();
    StringBuilder sb = new StringBuilder("CREATE TABLE ");
    sb.append(qualified(keyspace, table.name())).append(" (\n");
    for (ColumnMetadata column : layout.columns().values()) {
      sb.append(INDENT)
          .append(id(column.name()))
          .append(' ')
          .append(type(column.type(), column.frozen(), keyspace))
          .append(column.kind() == ColumnKind.STATIC ? " static" : "")
          .append(",\n");
    }
    sb.append(INDENT).append(primaryKey(layout)).append("\n) ");
    return sb.append(withClause(layout, table.comment(), table.options())).append(';').toString();
  }

  /**
   * The {@code CREATE MATERIALIZED VIEW} statement of a view.
   *
   * @param view the view
   * @return the statement, ending with a semicolon
   */
  public static String createView(ViewMetadata view) {
    ColumnLayout layout = layout(view.columns(), view.partitionKey(), view.clusteringKey());
    StringJoiner selected = new StringJoiner(", ");
    layout.columns().keySet().forEach(c -> selected.add(id(c)));
    return "CREATE MATERIALIZED VIEW "
        + qualified(view.keyspace(), view.name())
        + " AS\n"
        + INDENT
        + "SELECT "
        + (view.includeAllColumns() ? "*" : selected.toString())
        + "\n"
        + INDENT
        + "FROM "
        + qualified(view.keyspace(), view.baseTable())
        + "\n"
        + INDENT
        + "WHERE "
        + view.whereClause()
        + "\n"
        + INDENT
        + primaryKey(layout)
        + "\n"
        + INDENT
        + withClause(layout, view.comment(), view.options())
        + ";";
  }

  /**
   * The {@code CREATE TYPE} statement of a user type.
   *
   * @param type the user type
   * @return the statement, ending with a semicolon
   */
  public static String createType(UserTypeMetadata type) {
    StringJoiner fields = new StringJoiner(",\n", " (\n", "\n);");
    for (int i = 0; i < type.fieldNames().size(); i++) {
      String field = type.fieldNames().get(i);
      fields.add(
          INDENT
              + id(field)
              + " "
              + type(type.fieldTypes().get(i), type.isFrozen(field), type.keyspace()));
    }
    return "CREATE TYPE " + qualified(type.keyspace(), type.name()) + fields;
  }

  /**
   * The {@code CREATE KEYSPACE} statement of a keyspace.
   *
   * @param keyspace the keyspace
   * @return the statement, ending with a semicolon
   */
  public static String createKeyspace(KeyspaceMetadata keyspace) {
    // the class first, as servers print it
    Map<String, String> replication = new LinkedHashMap<>();
    String strategy = keyspace.replication().get("class");
    if (strategy != null) {
      replication.put("class", strategy);
    }
    replication.putAll(new TreeMap<>(keyspace.replication()));
    return "CREATE KEYSPACE "
        + id(keyspace.name())
        + " WITH replication = "
        + literal(replication)
        + " AND durable_writes = "
        + keyspace.durableWrites()
        + ";";
  }

  /**
   * The {@code CREATE INDEX} or {@code CREATE CUSTOM INDEX} statement of a secondary index.
   *
   * @param index the index
   * @return the statement, ending with a semicolon
   */
  public static String createIndex(IndexMetadata index) {
    StringBuilder sb =
        new StringBuilder(
            index.kind() == IndexKind.CUSTOM ? "CREATE CUSTOM INDEX " : "CREATE INDEX ");
    sb.append(id(index.name()))
        .append(" ON ")
        .append(qualified(index.keyspace(), index.table()))
        .append(" (")
        .append(index.target())
        .append(')');
    if (index.kind() == IndexKind.CUSTOM) {
      index.className().ifPresent(c -> sb.append(" USING ").append(literal(c)));
      Map<String, String> other = new TreeMap<>(index.options());
      other.remove(IndexMetadata.TARGET);
      other.remove(IndexMetadata.CLASS_NAME);
      if (!other.isEmpty()) {
        sb.append(" WITH OPTIONS = ").append(literal(other));
      }
    }
    return sb.append(';').toString();
  }

  private static ColumnLayout layout(
      Map<String, ColumnMetadata> columns, List<String> partitionKey, List<String> clusteringKey) {
    return new ColumnLayout(columns, partitionKey, clusteringKey);
  }

  // PRIMARY KEY ((a, b), c)
  private static String primaryKey(ColumnLayout layout) {
    List<String> partitionKey = layout.partitionKey();
    StringJoiner partition =
        partitionKey.size() > 1 ? new StringJoiner(", ", "(", ")") : new StringJoiner(", ");
    partitionKey.forEach(c -> partition.add(id(c)));
    StringJoiner key = new StringJoiner(", ", "PRIMARY KEY (", ")");
    key.add(partition.toString());
    layout.clusteringKey().forEach(c -> key.add(id(c)));
    return key.toString();
  }

  // WITH CLUSTERING ORDER BY (...) AND option = value ..., one a line, the comment among the
  // options by name
  private static String withClause(
      ColumnLayout layout, String comment, Map<String, String> options) {
    List<String> clauses = new ArrayList<>();
    if (!layout.clusteringKey().isEmpty()) {
      StringJoiner order = new StringJoiner(", ", "CLUSTERING ORDER BY (", ")");
      for (String name : layout.clusteringKey()) {
        order.add(id(name) + " " + layout.columns().get(name).clusteringOrder());
      }
      clauses.add(order.toString());
    }
    Map<String, String> all = new TreeMap<>(options);
    all.put("comment", literal(comment));
    all.forEach((name, value) -> clauses.add(name + " = " + value));
    return "WITH " + String.join("\n" + INDENT + "AND ", clauses);
  }
}
