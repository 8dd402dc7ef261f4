package org.cql4j.protocol.deserialize;

import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.types.ColumnType;

/**
 * A CQL type that a Java type cannot be decoded from, found when a decoder is bound to result
 * metadata, before any row is read. Immutable and thread-safe.
 *
 * <p>The message names the column (when known), its CQL type and the Java type.
 */
public final class TypeCheckException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final transient ColumnType cqlType;
  private final String javaType;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param column the column name, or null when checking a value outside a row
   * @param cqlType the CQL type being checked
   * @param javaType the Java type asked for, e.g. {@code java.util.List<java.lang.Integer>}
   * @param reason why they do not match, and the fix where one exists
   */
  public TypeCheckException(String column, ColumnType cqlType, String javaType, String reason) {
    super(describe(column, cqlType, javaType, reason));
    this.column = column;
    this.cqlType = cqlType;
    this.javaType = javaType;
    this.reason = reason;
  }

  /**
   * Returns a copy of this exception that names the column; thread-safe.
   *
   * @param columnName the column the failing value belongs to
   * @return an exception naming the column, with this one as cause
   */
  public TypeCheckException inColumn(String columnName) {
    TypeCheckException e = new TypeCheckException(columnName, cqlType, javaType, reason);
    e.initCause(this);
    return e;
  }

  /** The column name, or null if unknown; thread-safe. */
  public String column() {
    return column;
  }

  /** The CQL type that was checked; thread-safe. */
  public ColumnType cqlType() {
    return cqlType;
  }

  /** The Java type that was asked for; thread-safe. */
  public String javaType() {
    return javaType;
  }

  private static String describe(String column, ColumnType type, String javaType, String reason) {
    String where = column == null ? "" : "column '" + column + "' of ";
    return "Cannot decode "
        + where
        + "CQL type "
        + type
        + " into Java type "
        + javaType
        + ": "
        + reason;
  }
}
