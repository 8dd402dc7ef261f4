package org.cql4j.protocol.deserialize;

import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.types.ColumnType;

/**
 * A cell whose bytes cannot be decoded into the Java type asked for: a wrong fixed length, a
 * negative or oversized element length, an out-of-range value, or a null for a primitive. Immutable
 * and thread-safe.
 *
 * <p>The message names the column (when known), the CQL type, the Java type and the byte offset of
 * the cell in the buffer it was read from.
 */
public final class DeserializationException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final transient ColumnType cqlType;
  private final String javaType;
  private final long offset;
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param column the column name, or null when decoding a value outside a row
   * @param cqlType the CQL type of the cell
   * @param javaType the Java type being decoded into
   * @param offset the byte offset where decoding failed, or -1 if unknown
   * @param problem what was wrong with the bytes
   */
  public DeserializationException(
      String column, ColumnType cqlType, String javaType, long offset, String problem) {
    super(describe(column, cqlType, javaType, offset, problem));
    this.column = column;
    this.cqlType = cqlType;
    this.javaType = javaType;
    this.offset = offset;
    this.problem = problem;
  }

  /**
   * Returns a copy of this exception that names the column; thread-safe.
   *
   * @param columnName the column the failing cell belongs to
   * @param columnType the CQL type of that column
   * @return an exception naming the column, with this one as cause
   */
  public DeserializationException inColumn(String columnName, ColumnType columnType) {
    String p = columnType.equals(cqlType) ? problem : "in " + cqlType + ": " + problem;
    DeserializationException e =
        new DeserializationException(columnName, columnType, javaType, offset, p);
    e.initCause(this);
    return e;
  }

  /** The column name, or null if unknown; thread-safe. */
  public String column() {
    return column;
  }

  /** The CQL type of the cell; thread-safe. */
  public ColumnType cqlType() {
    return cqlType;
  }

  /** The Java type being decoded into; thread-safe. */
  public String javaType() {
    return javaType;
  }

  /** The byte offset where decoding failed, or -1; thread-safe. */
  public long offset() {
    return offset;
  }

  private static String describe(
      String column, ColumnType type, String javaType, long offset, String problem) {
    String where = column == null ? "" : "column '" + column + "' of ";
    String at = offset >= 0 ? " at offset " + offset : "";
    return "Cannot decode "
        + where
        + "CQL type "
        + type
        + " into Java type "
        + javaType
        + at
        + ": "
        + problem;
  }
}
