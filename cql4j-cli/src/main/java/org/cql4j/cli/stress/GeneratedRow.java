package org.cql4j.cli.stress;

import java.util.List;
import org.cql4j.cli.stress.generate.ValueWriter;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializeRow;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * The bound values of one operation, generated while the request frame is encoded: each marker's
 * {@link ValueWriter} writes its value for this operation's index straight into the frame, so no
 * value object is made. Immutable, thread-safe.
 */
final class GeneratedRow implements SerializeRow {
  private final ValueWriter[] writers;
  private final long index;

  GeneratedRow(ValueWriter[] writers, long index) {
    this.writers = writers;
    this.index = index;
  }

  @Override
  public void serialize(List<ColumnSpec> markers, RowWriter out) {
    // the writers were bound to these markers' types when the statement was prepared
    for (ValueWriter writer : writers) {
      writer.write(index, out.buffer());
      out.countValue();
    }
  }
}
