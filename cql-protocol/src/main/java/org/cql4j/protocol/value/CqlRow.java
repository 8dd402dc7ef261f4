package org.cql4j.protocol.value;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * An untyped row: typed getters by column index or name. Immutable and thread-safe.
 *
 * <p>A row keeps the positions of its cells in the rows buffer and decodes on each get; the type
 * check of a (column, Java type) pair runs once per result metadata and is cached. It is valid only
 * while the result it came from is alive (its buffer not released). Getters of primitives ({@link
 * #getInt} and so on) throw {@link DeserializationException} for a null cell: check {@link #isNull}
 * first, or use {@code get(i, Integer.class)}. A null collection reads as empty in a non-frozen
 * column, where Cassandra cannot tell null from empty, and as null in a frozen one ({@link
 * ColumnSpec#frozen()}).
 */
public final class CqlRow {
  /** The row deserializer of CqlRow. */
  static final DeserializeRow<CqlRow> DESERIALIZER =
      columns -> {
        CqlRowMetadata meta = new CqlRowMetadata(columns);
        return raw -> {
          int n = raw.size();
          int[] cells = new int[2 * n];
          for (int i = 0; i < n; i++) {
            cells[2 * i] = raw.offset(i);
            cells[2 * i + 1] = raw.length(i);
          }
          return new CqlRow(meta, raw.buffer(), cells);
        };
      };

  private final CqlRowMetadata meta;
  private final ByteBuf rows;
  private final int[] cells;

  private CqlRow(CqlRowMetadata meta, ByteBuf rows, int[] cells) {
    this.meta = meta;
    this.rows = rows;
    this.cells = cells;
  }

  /** The columns of this row; thread-safe. */
  public List<ColumnSpec> columns() {
    return meta.columns();
  }

  /** The number of columns; thread-safe. */
  public int size() {
    return cells.length / 2;
  }

  /**
   * Returns the position of a column. Thread-safe.
   *
   * @param name the exact column name
   * @return its index
   * @throws IllegalArgumentException if there is no such column
   */
  public int indexOf(String name) {
    return meta.indexOf(name);
  }

  /** Whether the cell at {@code i} is null; thread-safe. */
  public boolean isNull(int i) {
    return cells[2 * i + 1] < 0;
  }

  /** Whether the named cell is null; thread-safe. */
  public boolean isNull(String name) {
    return isNull(indexOf(name));
  }

  /**
   * Decodes the cell at {@code i} with the built-in codec of {@code type}. Thread-safe.
   *
   * @param i the column index
   * @param type a Java class of the type table (see {@code Codecs.deserializer(Class)})
   * @param <T> the Java type
   * @return the value, null for a null cell (unless the type is primitive)
   * @throws org.cql4j.protocol.deserialize.TypeCheckException if the column's CQL type does not map
   *     to {@code type}
   * @throws DeserializationException if the cell cannot be decoded
   */
  public <T> T get(int i, Class<T> type) {
    return decode(i, meta.decoder(i, type, type));
  }

  /** As {@link #get(int, Class)}, by column name; thread-safe. */
  public <T> T get(String name, Class<T> type) {
    return get(indexOf(name), type);
  }

  /** The cell decoded into the default Java type of its CQL type; thread-safe. */
  public Object getObject(int i) {
    return get(i, Object.class);
  }

  /** As {@link #getObject(int)}, by column name; thread-safe. */
  public Object getObject(String name) {
    return getObject(indexOf(name));
  }

  /**
   * Decodes a {@code list} (or {@code set}, {@code vector}) cell. Thread-safe.
   *
   * @param i the column index
   * @param element the element class
   * @param <E> the element type
   * @return a new list; for a null cell, empty in a non-frozen column and null in a frozen one
   */
  public <E> List<E> getList(int i, Class<E> element) {
    return decode(
        i,
        meta.<List<E>>decoder(
            i,
            List.of(List.class, element),
            Codecs.listDeserializer(Codecs.deserializer(element))));
  }

  /** As {@link #getList(int, Class)}, by column name; thread-safe. */
  public <E> List<E> getList(String name, Class<E> element) {
    return getList(indexOf(name), element);
  }

  /**
   * Decodes a {@code set} (or {@code list}) cell. Thread-safe.
   *
   * @param i the column index
   * @param element the element class
   * @param <E> the element type
   * @return a new set; for a null cell, empty in a non-frozen column and null in a frozen one
   */
  public <E> Set<E> getSet(int i, Class<E> element) {
    return decode(
        i,
        meta.<Set<E>>decoder(
            i, List.of(Set.class, element), Codecs.setDeserializer(Codecs.deserializer(element))));
  }

  /** As {@link #getSet(int, Class)}, by column name; thread-safe. */
  public <E> Set<E> getSet(String name, Class<E> element) {
    return getSet(indexOf(name), element);
  }

  /**
   * Decodes a {@code map} cell. Thread-safe.
   *
   * @param i the column index
   * @param key the key class
   * @param value the value class
   * @param <K> the key type
   * @param <V> the value type
   * @return a new map; for a null cell, empty in a non-frozen column and null in a frozen one
   */
  public <K, V> Map<K, V> getMap(int i, Class<K> key, Class<V> value) {
    return decode(
        i,
        meta.<Map<K, V>>decoder(
            i,
            List.of(Map.class, key, value),
            Codecs.mapDeserializer(Codecs.deserializer(key), Codecs.deserializer(value))));
  }

  /** As {@link #getMap(int, Class, Class)}, by column name; thread-safe. */
  public <K, V> Map<K, V> getMap(String name, Class<K> key, Class<V> value) {
    return getMap(indexOf(name), key, value);
  }

  /** An {@code int}; thread-safe; null cells throw. */
  public int getInt(int i) {
    return get(i, int.class);
  }

  /** An {@code int} by name; thread-safe; null cells throw. */
  public int getInt(String name) {
    return getInt(indexOf(name));
  }

  /** A {@code bigint} or {@code counter}; thread-safe; null cells throw. */
  public long getLong(int i) {
    return get(i, long.class);
  }

  /** A {@code bigint} or {@code counter} by name; thread-safe; null cells throw. */
  public long getLong(String name) {
    return getLong(indexOf(name));
  }

  /** A {@code boolean}; thread-safe; null cells throw. */
  public boolean getBoolean(int i) {
    return get(i, boolean.class);
  }

  /** A {@code boolean} by name; thread-safe; null cells throw. */
  public boolean getBoolean(String name) {
    return getBoolean(indexOf(name));
  }

  /** A {@code double}; thread-safe; null cells throw. */
  public double getDouble(int i) {
    return get(i, double.class);
  }

  /** A {@code double} by name; thread-safe; null cells throw. */
  public double getDouble(String name) {
    return getDouble(indexOf(name));
  }

  /** A {@code float}; thread-safe; null cells throw. */
  public float getFloat(int i) {
    return get(i, float.class);
  }

  /** A {@code float} by name; thread-safe; null cells throw. */
  public float getFloat(String name) {
    return getFloat(indexOf(name));
  }

  /** A {@code smallint}; thread-safe; null cells throw. */
  public short getShort(int i) {
    return get(i, short.class);
  }

  /** A {@code smallint} by name; thread-safe; null cells throw. */
  public short getShort(String name) {
    return getShort(indexOf(name));
  }

  /** A {@code tinyint}; thread-safe; null cells throw. */
  public byte getByte(int i) {
    return get(i, byte.class);
  }

  /** A {@code tinyint} by name; thread-safe; null cells throw. */
  public byte getByte(String name) {
    return getByte(indexOf(name));
  }

  /** A {@code text} or {@code ascii}, or null; thread-safe. */
  public String getString(int i) {
    return get(i, String.class);
  }

  /** A {@code text} or {@code ascii} by name, or null; thread-safe. */
  public String getString(String name) {
    return getString(indexOf(name));
  }

  /** A {@code uuid} or {@code timeuuid}, or null; thread-safe. */
  public UUID getUuid(int i) {
    return get(i, UUID.class);
  }

  /** A {@code uuid} or {@code timeuuid} by name, or null; thread-safe. */
  public UUID getUuid(String name) {
    return getUuid(indexOf(name));
  }

  /** A {@code timestamp}, or null; thread-safe. */
  public Instant getInstant(int i) {
    return get(i, Instant.class);
  }

  /** A {@code timestamp} by name, or null; thread-safe. */
  public Instant getInstant(String name) {
    return getInstant(indexOf(name));
  }

  /** A {@code date}, or null; thread-safe. */
  public LocalDate getLocalDate(int i) {
    return get(i, LocalDate.class);
  }

  /** A {@code date} by name, or null; thread-safe. */
  public LocalDate getLocalDate(String name) {
    return getLocalDate(indexOf(name));
  }

  /** A {@code time}, or null; thread-safe. */
  public LocalTime getLocalTime(int i) {
    return get(i, LocalTime.class);
  }

  /** A {@code time} by name, or null; thread-safe. */
  public LocalTime getLocalTime(String name) {
    return getLocalTime(indexOf(name));
  }

  /**
   * A {@code blob} as a read-only view of the result (no copy), or null; valid only while the
   * result is alive. Thread-safe.
   */
  public ByteBuffer getBytes(int i) {
    return get(i, ByteBuffer.class);
  }

  /** As {@link #getBytes(int)}, by column name; thread-safe. */
  public ByteBuffer getBytes(String name) {
    return getBytes(indexOf(name));
  }

  /** A {@code decimal}, or null; thread-safe. */
  public BigDecimal getBigDecimal(int i) {
    return get(i, BigDecimal.class);
  }

  /** A {@code decimal} by name, or null; thread-safe. */
  public BigDecimal getBigDecimal(String name) {
    return getBigDecimal(indexOf(name));
  }

  /** A {@code varint}, or null; thread-safe. */
  public BigInteger getBigInteger(int i) {
    return get(i, BigInteger.class);
  }

  /** A {@code varint} by name, or null; thread-safe. */
  public BigInteger getBigInteger(String name) {
    return getBigInteger(indexOf(name));
  }

  /** An {@code inet}, or null; thread-safe. */
  public InetAddress getInetAddress(int i) {
    return get(i, InetAddress.class);
  }

  /** An {@code inet} by name, or null; thread-safe. */
  public InetAddress getInetAddress(String name) {
    return getInetAddress(indexOf(name));
  }

  private <T> T decode(int i, DeserializeValue.Decoder<T> decoder) {
    int start = cells[2 * i];
    int len = cells[2 * i + 1];
    ColumnSpec column = meta.columns().get(i);
    try {
      return decoder.decode(len < 0 ? null : rows.slice(start, len));
    } catch (DeserializationException e) {
      throw e.inColumn(column.name(), column.type());
    }
  }

  /** The column names and default-typed values; thread-safe. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CqlRow[");
    for (int i = 0; i < size(); i++) {
      ColumnType t = meta.columns().get(i).type();
      sb.append(i == 0 ? "" : ", ").append(meta.columns().get(i).name()).append(": ");
      sb.append(t == ColumnType.BLOB || t instanceof ColumnType.Custom ? "<blob>" : getObject(i));
    }
    return sb.append(']').toString();
  }
}
