package org.cql4j.session.internal.request;

import io.netty.buffer.ByteBuf;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializeRow;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.internal.mapping.RowCodecs;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.statement.PreparedStatement;

/**
 * The user's row of values bound to a prepared statement's markers, written straight into the frame
 * buffer when the request is encoded. Immutable and thread-safe; it may be written more than once
 * (a retry encodes the frame again).
 *
 * <p>A {@code @Row} record goes through its generated writer, bound to the statement once and
 * cached on it; anything else goes through {@link Codecs#row(Object)}, which type-checks each value
 * against its marker. Either way a mismatch fails the request with a {@code SerializationException}
 * before anything is sent.
 */
public final class BoundRow implements BoundValues {
  private final List<ColumnSpec> markers;
  private final Object values;
  private final RowSerializer.Writer<Object> recordWriter;
  private final SerializeRow row;

  private BoundRow(
      List<ColumnSpec> markers,
      Object values,
      RowSerializer.Writer<Object> recordWriter,
      SerializeRow row) {
    this.markers = markers;
    this.values = values;
    this.recordWriter = recordWriter;
    this.row = row;
  }

  /**
   * Binds values to a prepared statement.
   *
   * @param statement the statement
   * @param values the row of values (see {@code Session}'s class documentation)
   * @return the bound values
   * @throws IllegalArgumentException if the values are of no supported kind
   * @throws org.cql4j.protocol.CqlException if the values are a record without a generated codec
   * @throws org.cql4j.protocol.serialize.SerializationException if a record does not fit the
   *     markers
   */
  @SuppressWarnings("unchecked")
  public static BoundValues of(PreparedStatement statement, Object values) {
    List<ColumnSpec> markers = statement.variables();
    if (markers.isEmpty() && hasNoValues(values)) {
      return BoundValues.EMPTY;
    }
    Class<?> type = values.getClass();
    if (type.isRecord() && !(values instanceof SerializeRow)) {
      RowSerializer.Writer<?> writer =
          PreparedStatements.access().rowWriter(statement, type, BoundRow::bindWriter);
      return new BoundRow(markers, values, (RowSerializer.Writer<Object>) writer, null);
    }
    return new BoundRow(markers, values, null, Codecs.row(values));
  }

  private static RowSerializer.Writer<?> bindWriter(Class<?> type, List<ColumnSpec> markers) {
    return RowCodecs.serializer(type)
        .orElseThrow(() -> RowCodecs.noCodec(type, null)) // says how to fix the build
        .bind(markers);
  }

  /**
   * Whether a row of values has no value at all.
   *
   * @param values the row of values
   * @return true for {@code Values.EMPTY}, empty lists, arrays and maps
   */
  static boolean hasNoValues(Object values) {
    if (values instanceof Values v) {
      return v.size() == 0;
    } else if (values instanceof Collection<?> c) {
      return c.isEmpty();
    } else if (values instanceof Map<?, ?> m) {
      return m.isEmpty();
    } else if (values instanceof Object[] a) {
      return a.length == 0;
    }
    return false;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean hasNames() {
    return false; // maps are matched to markers by name here, and sent in marker order
  }

  @Override
  public int writeTo(ByteBuf out) {
    RowWriter writer = new RowWriter(out);
    if (recordWriter != null) {
      recordWriter.write(values, writer);
    } else {
      row.serialize(markers, writer);
    }
    return writer.valueCount();
  }
}
