package org.cql4j.mapper.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.ColumnType.UserType.Field;
import org.cql4j.protocol.types.CqlTypeParser;

/**
 * Column metadata for {@link GeneratedCodecFuzzTest}, written as CQL, and the changes it makes to
 * metadata (what a server could send after a schema change, or for another table); stateless and
 * thread-safe.
 */
final class FuzzColumns {
  private static final String SPAN = "frozen<tuple<bigint, timestamp, text>>";
  private static final Map<String, ColumnType.UserType> TYPES =
      Map.of(
          "address", udt("address", "street text, zip_code int, country text"),
          "ordered_address", udt("ordered_address", "street text, zip_code int, country text"),
          "strict_address", udt("strict_address", "street text, zip int"),
          "thing", udt("thing", "a int, b list<text>"),
          "place",
              udt(
                  "place",
                  "name text, floor int, span "
                      + SPAN
                      + ", history list<"
                      + SPAN
                      + ">, note text"));
  private static final ColumnType[] SOME_TYPES = {
    ColumnType.INT,
    ColumnType.TEXT,
    ColumnType.BIGINT,
    ColumnType.BLOB,
    ColumnType.UUID,
    ColumnType.DOUBLE,
    ColumnType.list(ColumnType.INT),
    ColumnType.map(ColumnType.TEXT, ColumnType.INT),
    ColumnType.tuple(ColumnType.INT, ColumnType.TEXT),
    TYPES.get("address")
  };

  private FuzzColumns() {}

  /**
   * Parses columns written as in a CREATE TABLE ({@code "id uuid, home frozen<address>"}), with the
   * user types above.
   */
  static List<ColumnSpec> parse(String cql) {
    List<ColumnSpec> columns = new ArrayList<>();
    for (String column : splitTopLevel(cql)) {
      int space = column.indexOf(' ');
      String name = column.substring(0, space);
      ColumnType type =
          CqlTypeParser.parse(column.substring(space + 1), "ks", (ks, n) -> TYPES.get(n)).type();
      columns.add(col(name, type));
    }
    return List.copyOf(columns);
  }

  /** Makes one change: a column dropped, added, renamed, moved, or its type changed. */
  static void change(List<ColumnSpec> columns, Random random) {
    int i = random.nextInt(columns.size());
    ColumnSpec c = columns.get(i);
    switch (random.nextInt(6)) {
      case 0 -> {
        if (columns.size() > 1) {
          columns.remove(i);
        }
      }
      case 1 -> columns.add(random.nextInt(columns.size() + 1), col("extra", someType(random)));
      case 2 -> columns.set(i, col(c.name() + "x", c.type()));
      case 3 -> {
        ColumnSpec moved = columns.remove(i);
        columns.add(random.nextInt(columns.size() + 1), moved);
      }
      default -> columns.set(i, col(c.name(), change(c.type(), random)));
    }
  }

  private static ColumnType change(ColumnType type, Random random) {
    if (random.nextInt(3) == 0) {
      return someType(random);
    }
    if (type instanceof ColumnType.UserType u) {
      return new ColumnType.UserType(u.keyspace(), u.name(), changeFields(u.fields(), random));
    } else if (type instanceof ColumnType.TupleType t) {
      List<ColumnType> components = new ArrayList<>(t.components());
      int i = random.nextInt(components.size());
      switch (random.nextInt(3)) {
        case 0 -> {
          if (components.size() > 1) {
            components.remove(i);
          }
        }
        case 1 -> components.add(someType(random));
        default -> components.set(i, change(components.get(i), random));
      }
      return new ColumnType.TupleType(components);
    } else if (type instanceof ColumnType.ListType l) {
      return random.nextBoolean()
          ? ColumnType.set(l.element())
          : ColumnType.list(change(l.element(), random));
    } else if (type instanceof ColumnType.SetType s) {
      return random.nextBoolean()
          ? ColumnType.list(s.element())
          : ColumnType.set(change(s.element(), random));
    } else if (type instanceof ColumnType.MapType m) {
      return random.nextBoolean()
          ? ColumnType.map(change(m.key(), random), m.value())
          : ColumnType.map(m.key(), change(m.value(), random));
    } else if (type instanceof ColumnType.VectorType v) {
      return ColumnType.vector(v.element(), Math.max(1, v.dimensions() + random.nextInt(3) - 1));
    }
    return someType(random);
  }

  // a field dropped, added, moved, renamed, or its type changed
  private static List<Field> changeFields(List<Field> original, Random random) {
    List<Field> fields = new ArrayList<>(original);
    int i = random.nextInt(fields.size());
    Field f = fields.get(i);
    switch (random.nextInt(5)) {
      case 0 -> {
        if (fields.size() > 1) {
          fields.remove(i);
        }
      }
      case 1 -> fields.add(random.nextInt(fields.size() + 1), new Field("extra", someType(random)));
      case 2 -> {
        Field moved = fields.remove(i);
        fields.add(random.nextInt(fields.size() + 1), moved);
      }
      case 3 -> fields.set(i, new Field(f.name() + "x", f.type()));
      default -> fields.set(i, new Field(f.name(), change(f.type(), random)));
    }
    return fields;
  }

  private static ColumnType someType(Random random) {
    return SOME_TYPES[random.nextInt(SOME_TYPES.length)];
  }

  private static ColumnSpec col(String name, ColumnType type) {
    return new ColumnSpec("ks", "t", name, type);
  }

  private static ColumnType.UserType udt(String name, String fields) {
    List<Field> list = new ArrayList<>();
    for (ColumnSpec c : parse(fields)) {
      list.add(new Field(c.name(), c.type()));
    }
    return new ColumnType.UserType("ks", name, list);
  }

  // "a int, b map<text, int>" -> ["a int", "b map<text, int>"]
  private static List<String> splitTopLevel(String cql) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < cql.length(); i++) {
      char ch = cql.charAt(i);
      if (ch == '<') {
        depth++;
      } else if (ch == '>') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        parts.add(cql.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(cql.substring(start).trim());
    return parts;
  }
}
