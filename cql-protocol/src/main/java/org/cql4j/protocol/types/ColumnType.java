package org.cql4j.protocol.types;

import java.util.List;
import java.util.Objects;

/**
 * The CQL type of a column, bind marker, collection element, tuple component or UDT field.
 * Immutable and thread-safe.
 *
 * <p>A sealed hierarchy: the native types are the constants of {@link Native} (also reachable as
 * {@code ColumnType.INT} and so on); the parameterized types are records. {@link #toString()} gives
 * the type in CQL syntax, e.g. {@code map<text, frozen<list<int>>>}; a collection or user type
 * nested in another type prints as {@code frozen<...>}, because CQL requires it there.
 *
 * <p>The wire form is the [option] of native_protocol_v4.spec §4.2.5.2, read and written by {@code
 * org.cql4j.protocol.internal.types.ColumnTypeCodec}. Whether a top-level collection is frozen is
 * not on the wire, so it is not part of this model.
 */
// No default methods here: a default method would make Native's initialization initialize this
// interface first, and the constants below would then read Native's fields while still null.
public sealed interface ColumnType
    permits ColumnType.Native,
        ColumnType.ListType,
        ColumnType.SetType,
        ColumnType.MapType,
        ColumnType.TupleType,
        ColumnType.UserType,
        ColumnType.VectorType,
        ColumnType.Custom {

  /** The {@code ascii} type. */
  ColumnType ASCII = Native.ASCII;

  /** The {@code bigint} type. */
  ColumnType BIGINT = Native.BIGINT;

  /** The {@code blob} type. */
  ColumnType BLOB = Native.BLOB;

  /** The {@code boolean} type. */
  ColumnType BOOLEAN = Native.BOOLEAN;

  /** The {@code counter} type. */
  ColumnType COUNTER = Native.COUNTER;

  /** The {@code decimal} type. */
  ColumnType DECIMAL = Native.DECIMAL;

  /** The {@code double} type. */
  ColumnType DOUBLE = Native.DOUBLE;

  /** The {@code float} type. */
  ColumnType FLOAT = Native.FLOAT;

  /** The {@code int} type. */
  ColumnType INT = Native.INT;

  /** The {@code timestamp} type. */
  ColumnType TIMESTAMP = Native.TIMESTAMP;

  /** The {@code uuid} type. */
  ColumnType UUID = Native.UUID;

  /** The {@code text} type ({@code varchar} is an alias). */
  ColumnType TEXT = Native.TEXT;

  /** The {@code varint} type. */
  ColumnType VARINT = Native.VARINT;

  /** The {@code timeuuid} type. */
  ColumnType TIMEUUID = Native.TIMEUUID;

  /** The {@code inet} type. */
  ColumnType INET = Native.INET;

  /** The {@code date} type. */
  ColumnType DATE = Native.DATE;

  /** The {@code time} type. */
  ColumnType TIME = Native.TIME;

  /** The {@code smallint} type. */
  ColumnType SMALLINT = Native.SMALLINT;

  /** The {@code tinyint} type. */
  ColumnType TINYINT = Native.TINYINT;

  /** The {@code duration} type. */
  ColumnType DURATION = Native.DURATION;

  /**
   * Returns the size in bytes of every value of this type, or -1 if values vary in size.
   * Thread-safe.
   *
   * <p>Vectors of fixed-size elements are written without per-element lengths
   * (native_protocol_v5.spec §5.25), so this decides their encoding. The sizes follow Cassandra's
   * {@code AbstractType.valueLengthIfFixed()}.
   *
   * @param type any type
   * @return the fixed size, or -1
   */
  static int fixedSize(ColumnType type) {
    if (type instanceof Native n) {
      return n.fixedSize();
    }
    if (type instanceof VectorType v) {
      int element = fixedSize(v.element());
      return element < 0 ? -1 : element * v.dimensions();
    }
    return -1;
  }

  /**
   * Returns a {@code list<element>} type. Thread-safe.
   *
   * @param element the element type
   * @return the list type
   */
  static ListType list(ColumnType element) {
    return new ListType(element);
  }

  /**
   * Returns a {@code set<element>} type. Thread-safe.
   *
   * @param element the element type
   * @return the set type
   */
  static SetType set(ColumnType element) {
    return new SetType(element);
  }

  /**
   * Returns a {@code map<key, value>} type. Thread-safe.
   *
   * @param key the key type
   * @param value the value type
   * @return the map type
   */
  static MapType map(ColumnType key, ColumnType value) {
    return new MapType(key, value);
  }

  /**
   * Returns a {@code tuple<...>} type. Thread-safe.
   *
   * @param components the component types, in order
   * @return the tuple type
   */
  static TupleType tuple(ColumnType... components) {
    return new TupleType(List.of(components));
  }

  /**
   * Returns a {@code vector<element, dimensions>} type. Thread-safe.
   *
   * @param element the element type
   * @param dimensions the number of elements, at least 1
   * @return the vector type
   */
  static VectorType vector(ColumnType element, int dimensions) {
    return new VectorType(element, dimensions);
  }

  /**
   * The native (non-parameterized) types, with their [option] ids. Immutable and thread-safe.
   *
   * <p>Ids from native_protocol_v4.spec §4.2.5.2; {@code duration} (0x0015) is a v5 id
   * (native_protocol_v5.spec §4.2.5.2) that v4 servers send as a custom type instead.
   */
  enum Native implements ColumnType {
    /** {@code ascii}, id 0x0001. */
    ASCII(0x0001, "ascii", -1),
    /** {@code bigint}, id 0x0002. */
    BIGINT(0x0002, "bigint", 8),
    /** {@code blob}, id 0x0003. */
    BLOB(0x0003, "blob", -1),
    /** {@code boolean}, id 0x0004. */
    BOOLEAN(0x0004, "boolean", 1),
    /** {@code counter}, id 0x0005. */
    COUNTER(0x0005, "counter", -1),
    /** {@code decimal}, id 0x0006. */
    DECIMAL(0x0006, "decimal", -1),
    /** {@code double}, id 0x0007. */
    DOUBLE(0x0007, "double", 8),
    /** {@code float}, id 0x0008. */
    FLOAT(0x0008, "float", 4),
    /** {@code int}, id 0x0009. */
    INT(0x0009, "int", 4),
    /** {@code timestamp}, id 0x000B. */
    TIMESTAMP(0x000B, "timestamp", 8),
    /** {@code uuid}, id 0x000C. */
    UUID(0x000C, "uuid", 16),
    /** {@code text} (alias {@code varchar}), id 0x000D. */
    TEXT(0x000D, "text", -1),
    /** {@code varint}, id 0x000E. */
    VARINT(0x000E, "varint", -1),
    /** {@code timeuuid}, id 0x000F. */
    TIMEUUID(0x000F, "timeuuid", 16),
    /** {@code inet}, id 0x0010. */
    INET(0x0010, "inet", -1),
    /** {@code date}, id 0x0011. */
    DATE(0x0011, "date", -1),
    /** {@code time}, id 0x0012. */
    TIME(0x0012, "time", -1),
    /** {@code smallint}, id 0x0013. */
    SMALLINT(0x0013, "smallint", -1),
    /** {@code tinyint}, id 0x0014. */
    TINYINT(0x0014, "tinyint", -1),
    /** {@code duration}, id 0x0015 (v5; a custom type in v4). */
    DURATION(0x0015, "duration", -1);

    private final int id;
    private final String cql;
    private final int fixedSize;

    Native(int id, String cql, int fixedSize) {
      this.id = id;
      this.cql = cql;
      this.fixedSize = fixedSize;
    }

    /** The [option] id of this type; thread-safe. */
    public int id() {
      return id;
    }

    /** The size of every value of this type in bytes, or -1 if variable; thread-safe. */
    public int fixedSize() {
      return fixedSize;
    }

    /** The type in CQL syntax, e.g. {@code int}; thread-safe. */
    @Override
    public String toString() {
      return cql;
    }
  }

  /**
   * {@code list<element>}. Immutable and thread-safe.
   *
   * @param element the element type
   */
  record ListType(ColumnType element) implements ColumnType {
    /** Checks the element type; thread-safe. */
    public ListType {
      Objects.requireNonNull(element, "element");
    }

    /** The type in CQL syntax; thread-safe. */
    @Override
    public String toString() {
      return "list<" + TypeNames.nested(element) + ">";
    }
  }

  /**
   * {@code set<element>}. Immutable and thread-safe.
   *
   * @param element the element type
   */
  record SetType(ColumnType element) implements ColumnType {
    /** Checks the element type; thread-safe. */
    public SetType {
      Objects.requireNonNull(element, "element");
    }

    /** The type in CQL syntax; thread-safe. */
    @Override
    public String toString() {
      return "set<" + TypeNames.nested(element) + ">";
    }
  }

  /**
   * {@code map<key, value>}. Immutable and thread-safe.
   *
   * @param key the key type
   * @param value the value type
   */
  record MapType(ColumnType key, ColumnType value) implements ColumnType {
    /** Checks the key and value types; thread-safe. */
    public MapType {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** The type in CQL syntax; thread-safe. */
    @Override
    public String toString() {
      return "map<" + TypeNames.nested(key) + ", " + TypeNames.nested(value) + ">";
    }
  }

  /**
   * {@code tuple<c1, c2, ...>}. Immutable and thread-safe.
   *
   * @param components the component types, in order
   */
  record TupleType(List<ColumnType> components) implements ColumnType {
    /** Copies the component list; thread-safe. */
    public TupleType {
      components = List.copyOf(components);
    }

    /** The type in CQL syntax; thread-safe. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("tuple<");
      for (int i = 0; i < components.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(TypeNames.nested(components.get(i)));
      }
      return sb.append('>').toString();
    }
  }

  /**
   * A user-defined type: keyspace, name and ordered fields. Immutable and thread-safe.
   *
   * @param keyspace the keyspace the type belongs to
   * @param name the type's name
   * @param fields the fields, in declaration order (the order of the wire encoding)
   */
  record UserType(String keyspace, String name, List<Field> fields) implements ColumnType {
    /** Checks the names and copies the field list; thread-safe. */
    public UserType {
      Objects.requireNonNull(keyspace, "keyspace");
      Objects.requireNonNull(name, "name");
      fields = List.copyOf(fields);
    }

    /**
     * Returns the position of the field with the given name, or -1; thread-safe.
     *
     * @param fieldName the exact (case-sensitive) field name
     * @return the field's index, or -1 if there is none
     */
    public int indexOf(String fieldName) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(fieldName)) {
          return i;
        }
      }
      return -1;
    }

    /** The type in CQL syntax: {@code keyspace.name}; thread-safe. */
    @Override
    public String toString() {
      return TypeNames.identifier(keyspace) + "." + TypeNames.identifier(name);
    }

    /**
     * One field of a user-defined type. Immutable and thread-safe.
     *
     * @param name the field name
     * @param type the field type
     */
    public record Field(String name, ColumnType type) {
      /** Checks the name and type; thread-safe. */
      public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
      }
    }
  }

  /**
   * {@code vector<element, dimensions>} (Cassandra 5). Immutable and thread-safe.
   *
   * @param element the element type
   * @param dimensions the number of elements, at least 1
   */
  record VectorType(ColumnType element, int dimensions) implements ColumnType {
    /** Checks the element type and dimensions; thread-safe. */
    public VectorType {
      Objects.requireNonNull(element, "element");
      if (dimensions < 1) {
        throw new IllegalArgumentException("vector dimensions must be >= 1, got " + dimensions);
      }
    }

    /** The type in CQL syntax; thread-safe. */
    @Override
    public String toString() {
      return "vector<" + TypeNames.nested(element) + ", " + dimensions + ">";
    }
  }

  /**
   * A custom type the driver does not know, named by its server-side class. Immutable and
   * thread-safe. Values of it are raw bytes.
   *
   * @param className the fully qualified class name sent by the server
   */
  record Custom(String className) implements ColumnType {
    /** Checks the class name; thread-safe. */
    public Custom {
      Objects.requireNonNull(className, "className");
    }

    /** The type in CQL syntax: the class name as a string literal; thread-safe. */
    @Override
    public String toString() {
      return "'" + className.replace("'", "''") + "'";
    }
  }
}
