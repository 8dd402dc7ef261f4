package org.cql4j.protocol.deserialize;

import java.util.List;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.types.ColumnType;

/**
 * A CQL type that a Java type cannot be decoded from, found when a decoder is bound to result
 * metadata, before any row is read. Immutable and thread-safe.
 *
 * <p>The message names the column (when known), its CQL type (when there is one) and the Java type.
 * A column that the Java type needs but the result lacks has its own message, from {@link
 * #missingColumn}.
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
   * @param column the column name, or null when checking a value outside a row (or the result as a
   *     whole)
   * @param cqlType the CQL type being checked, or null when checking the result as a whole (its
   *     number of columns, say)
   * @param javaType the Java type asked for, e.g. {@code java.util.List<java.lang.Integer>}
   * @param reason why they do not match, and the fix where one exists
   */
  public TypeCheckException(String column, ColumnType cqlType, String javaType, String reason) {
    this(column, cqlType, javaType, reason, describe(column, cqlType, javaType, reason));
  }

  private TypeCheckException(
      String column, ColumnType cqlType, String javaType, String reason, String message) {
    super(message);
    this.column = column;
    this.cqlType = cqlType;
    this.javaType = javaType;
    this.reason = reason;
  }

  /**
   * Creates the exception for a column that {@code javaType} needs but the result does not have,
   * e.g. {@code Column 'email' required by com.example.User is missing from the result (columns
   * present: id, name); select it, ...}. Thread-safe.
   *
   * <p>{@link #cqlType()} is null: the column has no CQL type in this result.
   *
   * @param column the name of the missing column
   * @param javaType the Java type that needs it, e.g. the {@code @Row} record
   * @param columnsPresent the names of the result's columns, in wire order
   * @param fix how to fix it (select the column, or map the Java type differently), or null
   * @return the exception, to be thrown by the caller
   */
  public static TypeCheckException missingColumn(
      String column, String javaType, List<String> columnsPresent, String fix) {
    String missing =
        "missing from the result (columns present: "
            + (columnsPresent.isEmpty() ? "none" : String.join(", ", columnsPresent))
            + ")"
            + (fix == null ? "" : "; " + fix);
    String message = "Column '" + column + "' required by " + javaType + " is " + missing;
    String reason = "the column is " + missing;
    return new TypeCheckException(column, null, javaType, reason, message);
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
    StringBuilder sb = new StringBuilder("Cannot decode ");
    if (column != null) {
      sb.append("column '").append(column).append("' ");
      if (type != null) {
        sb.append("of ");
      }
    } else if (type == null) {
      sb.append("the result "); // a check of the result as a whole, e.g. its column count
    }
    if (type != null) {
      sb.append("CQL type ").append(type).append(' ');
    }
    return sb.append("into Java type ").append(javaType).append(": ").append(reason).toString();
  }
}
