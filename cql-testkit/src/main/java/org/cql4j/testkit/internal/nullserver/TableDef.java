package org.cql4j.testkit.internal.nullserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * A table the null server knows, immutable and thread-safe as long as its row source is: its
 * columns, its primary key and where its rows come from.
 *
 * @param keyspace the keyspace name
 * @param name the table name
 * @param columns every column, in {@code SELECT *} order (partition key, clustering, then the rest)
 * @param partitionKeySize how many leading columns form the partition key
 * @param clusteringSize how many columns after the partition key are clustering columns
 * @param rows returns the rows of one partition (at most the given count), each an array of values
 *     in column order; a table whose rows do not depend on the count ignores it
 */
record TableDef(
    String keyspace,
    String name,
    List<ColumnSpec> columns,
    int partitionKeySize,
    int clusteringSize,
    IntFunction<List<Object[]>> rows) {

  /** Copies the columns. */
  TableDef {
    columns = List.copyOf(columns);
  }

  /**
   * A table defined by column declarations such as {@code "tokens set<text>"}.
   *
   * @param keyspace the keyspace
   * @param name the table
   * @param partitionKeySize how many leading columns form the partition key
   * @param clusteringSize how many columns follow as clustering columns
   * @param rows the row source
   * @param declarations one {@code "name type"} per column, in order
   * @return the table
   */
  static TableDef of(
      String keyspace,
      String name,
      int partitionKeySize,
      int clusteringSize,
      IntFunction<List<Object[]>> rows,
      String... declarations) {
    List<ColumnSpec> specs = new ArrayList<>(declarations.length);
    for (String declaration : declarations) {
      int space = declaration.indexOf(' ');
      specs.add(
          new ColumnSpec(
              keyspace,
              name,
              declaration.substring(0, space),
              parseType(declaration.substring(space + 1).replace(" ", ""))));
    }
    return new TableDef(keyspace, name, specs, partitionKeySize, clusteringSize, rows);
  }

  /** The qualified name, {@code keyspace.table}. */
  String qualifiedName() {
    return keyspace + "." + name;
  }

  /** The index of a column, or -1. */
  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** How many columns form the primary key. */
  int primaryKeySize() {
    return partitionKeySize + clusteringSize;
  }

  /** Parses the few CQL type names the catalog uses, e.g. {@code map<uuid,blob>}. */
  static ColumnType parseType(String cql) {
    int open = cql.indexOf('<');
    if (open < 0) {
      return switch (cql.toLowerCase(Locale.ROOT)) {
        case "text" -> ColumnType.TEXT;
        case "int" -> ColumnType.INT;
        case "bigint" -> ColumnType.BIGINT;
        case "uuid" -> ColumnType.UUID;
        case "inet" -> ColumnType.INET;
        case "boolean" -> ColumnType.BOOLEAN;
        case "double" -> ColumnType.DOUBLE;
        case "blob" -> ColumnType.BLOB;
        case "timestamp" -> ColumnType.TIMESTAMP;
        default -> throw new IllegalArgumentException("Unknown type in the catalog: " + cql);
      };
    }
    String outer = cql.substring(0, open);
    String inner = cql.substring(open + 1, cql.length() - 1);
    return switch (outer) {
      case "set" -> ColumnType.set(parseType(inner));
      case "list" -> ColumnType.list(parseType(inner));
      case "map" -> {
        // the catalog never nests a map key, so the first comma splits key from value
        int comma = inner.indexOf(',');
        yield ColumnType.map(
            parseType(inner.substring(0, comma)), parseType(inner.substring(comma + 1)));
      }
      default -> throw new IllegalArgumentException("Unknown type in the catalog: " + cql);
    };
  }
}
