package org.cql4j.protocol.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cql4j.protocol.internal.codec.ValueRows;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializeRow;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * A positional row of bound values: {@code Values.of(1, "x", Unset.VALUE)}. Immutable and
 * thread-safe (the values themselves are shared as given).
 *
 * <p>Each value is written by its runtime class and checked against its bind marker's CQL type when
 * the statement is executed; a mismatch is a {@code SerializationException} naming the marker, the
 * CQL type and the Java type. {@code null} writes a CQL null, {@link Unset#VALUE} leaves the column
 * untouched.
 */
public final class Values implements SerializeRow {
  /** No values, for statements without bind markers. */
  public static final Values EMPTY = new Values(new Object[0]);

  private final Object[] values;

  private Values(Object[] values) {
    this.values = values;
  }

  /**
   * Returns a row of the given values, in bind-marker order. Thread-safe.
   *
   * @param values the values; nulls and {@link Unset#VALUE} allowed; the array is copied
   * @return the row
   */
  public static Values of(Object... values) {
    return values.length == 0 ? EMPTY : new Values(values.clone());
  }

  /** The number of values; thread-safe. */
  public int size() {
    return values.length;
  }

  /** The values as an unmodifiable list (nulls allowed); thread-safe. */
  public List<Object> asList() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  /**
   * Writes the values for the markers; see {@link SerializeRow#serialize}. Thread-safe.
   *
   * @param markers the bind markers, in order
   * @param out where to write
   */
  @Override
  public void serialize(List<ColumnSpec> markers, RowWriter out) {
    ValueRows.writePositional(values, markers, out);
  }

  /** The values, as in {@code Values[1, x]}; thread-safe. */
  @Override
  public String toString() {
    return "Values" + Arrays.toString(values);
  }
}
