package org.cql4j.session.internal.result;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Values;

/** Builds RESULT Rows messages with the protocol's own encoders, in pooled direct buffers. */
public final class RowsFixtures {
  public static final ColumnSpec ID = new ColumnSpec("ks", "people", "id", ColumnType.INT);
  public static final ColumnSpec NAME = new ColumnSpec("ks", "people", "name", ColumnType.TEXT);
  public static final List<ColumnSpec> COLUMNS = List.of(ID, NAME);

  private RowsFixtures() {}

  /**
   * Rows of (id, name) in a pooled direct buffer, as a decoded frame would hold them.
   *
   * @param pagingState the paging state, or null for the last page
   * @param rows each row's values
   * @return the result; the caller owns it
   */
  public static RowsResult rows(List<ColumnSpec> columns, byte[] pagingState, Object[]... rows) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
    for (Object[] row : rows) {
      Values.of(row).serialize(columns, new RowWriter(buf));
    }
    return new RowsResult(RowsMetadata.of(columns, pagingState), rows.length, buf);
  }

  /** People rows (id int, name text) for people {@code from} to {@code to} exclusive. */
  public static RowsResult people(int from, int to, byte[] pagingState) {
    Object[][] rows = new Object[to - from][];
    for (int i = from; i < to; i++) {
      rows[i - from] = new Object[] {i, "p" + i};
    }
    return rows(COLUMNS, pagingState, rows);
  }
}
