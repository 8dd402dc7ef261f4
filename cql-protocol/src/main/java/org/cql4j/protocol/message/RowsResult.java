package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.Objects;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.internal.message.MetadataCodec;
import org.cql4j.protocol.internal.wire.WireReader;

/**
 * A Rows result (native_protocol_v4.spec §4.2.5.2): decoded metadata, the row count, and the rows
 * content left undecoded as a buffer. Not thread-safe to release concurrently; otherwise reads are
 * safe from any thread once published.
 *
 * <p>The content is a retained slice of the frame body (no copy): cells are decoded lazily by the
 * deserialization SPI when the user iterates. This object owns that slice; whoever holds it calls
 * {@link #release()} once, in {@code finally}, when the rows are no longer needed.
 */
public final class RowsResult extends DefaultByteBufHolder implements Result {
  private final RowsMetadata metadata;
  private final int rowCount;

  /**
   * Creates a result that takes ownership of {@code rowsContent}.
   *
   * @param metadata the metadata
   * @param rowCount the number of rows in the content
   * @param rowsContent the {@code <rows_content>} bytes; released when this result is released
   */
  public RowsResult(RowsMetadata metadata, int rowCount, ByteBuf rowsContent) {
    super(rowsContent);
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.rowCount = rowCount;
  }

  /** The decoded metadata (columns, paging state). */
  public RowsMetadata metadata() {
    return metadata;
  }

  /** The number of rows. */
  public int rowCount() {
    return rowCount;
  }

  /**
   * The undecoded {@code <rows_content>}: {@code rowCount * columnCount} [bytes] cells. Owned by
   * this result: read it (e.g. with {@code duplicate()}), do not release it separately.
   */
  public ByteBuf rowsContent() {
    return content();
  }

  @Override
  public int kind() {
    return ROWS;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    out.writeInt(ROWS);
    MetadataCodec.writeRows(out, metadata);
    out.writeInt(rowCount);
    ByteBuf content = content();
    out.writeBytes(content, content.readerIndex(), content.readableBytes());
  }

  static RowsResult decodeAfterKind(ByteBuf in) {
    RowsMetadata metadata = MetadataCodec.readRows(in, "RESULT.Rows.metadata");
    int countOffset = in.readerIndex();
    int rowCount = WireReader.readInt(in, "RESULT.Rows.rows_count");
    if (rowCount < 0) {
      throw new ProtocolException("RESULT.Rows.rows_count", countOffset, "negative " + rowCount);
    }
    // every cell is at least its [int] length: a cheap bound without decoding any cell
    long minBytes = 4L * rowCount * metadata.columnCount();
    if (minBytes > in.readableBytes()) {
      throw new ProtocolException(
          "RESULT.Rows.rows_content",
          in.readerIndex(),
          rowCount
              + " rows of "
              + metadata.columnCount()
              + " columns need at least "
              + minBytes
              + " bytes but only "
              + in.readableBytes()
              + " remain");
    }
    return new RowsResult(metadata, rowCount, in.readRetainedSlice(in.readableBytes()));
  }

  @Override
  public RowsResult replace(ByteBuf content) {
    return new RowsResult(metadata, rowCount, content);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowsResult r
        && metadata.equals(r.metadata)
        && rowCount == r.rowCount
        && content().equals(r.content());
  }

  @Override
  public int hashCode() {
    return Objects.hash(metadata, rowCount, content());
  }

  @Override
  public String toString() {
    return "RowsResult[metadata=" + metadata + ", rowCount=" + rowCount + "]";
  }
}
