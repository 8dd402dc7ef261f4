package org.cql4j.protocol.serialize;

import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.types.ColumnType;

/**
 * A bound value that cannot be written for its bind marker: the Java type does not map to the
 * marker's CQL type, the value is out of range, or the row has too few or too many values.
 * Immutable and thread-safe.
 *
 * <p>Thrown before anything is sent. The message names the bind marker (when known), its CQL type
 * and the Java type.
 */
public final class SerializationException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final String marker;
  private final transient ColumnType cqlType;
  private final String javaType;
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param marker the bind marker name, or null when writing a value outside a row
   * @param cqlType the CQL type of the marker or value, or null when not relevant
   * @param javaType the Java type of the value, or null when not relevant
   * @param problem what was wrong, and the fix where one exists
   */
  public SerializationException(
      String marker, ColumnType cqlType, String javaType, String problem) {
    super(describe(marker, cqlType, javaType, problem));
    this.marker = marker;
    this.cqlType = cqlType;
    this.javaType = javaType;
    this.problem = problem;
  }

  /**
   * Returns a copy of this exception that names the bind marker; thread-safe.
   *
   * @param markerName the bind marker the failing value was bound to
   * @param markerType the CQL type of that marker
   * @return an exception naming the marker, with this one as cause
   */
  public SerializationException atMarker(String markerName, ColumnType markerType) {
    String p =
        cqlType == null || cqlType.equals(markerType) ? problem : "in " + cqlType + ": " + problem;
    SerializationException e = new SerializationException(markerName, markerType, javaType, p);
    e.initCause(this);
    return e;
  }

  /** The bind marker name, or null if unknown; thread-safe. */
  public String marker() {
    return marker;
  }

  /** The CQL type involved, or null; thread-safe. */
  public ColumnType cqlType() {
    return cqlType;
  }

  /** The Java type involved, or null; thread-safe. */
  public String javaType() {
    return javaType;
  }

  private static String describe(String marker, ColumnType type, String javaType, String problem) {
    StringBuilder sb = new StringBuilder("Cannot serialize ");
    sb.append(javaType == null ? "value" : "Java type " + javaType);
    if (type != null) {
      sb.append(" as CQL type ").append(type);
    }
    if (marker != null) {
      sb.append(" for bind marker '").append(marker).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }
}
