package org.cql4j.protocol.internal.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.internal.types.ColumnTypeCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * Reads and writes Rows and Prepared metadata (native_protocol_v4.spec §4.2.5.2, §4.2.5.4).
 * Stateless and thread-safe; never retains or releases the buffers it is given.
 */
public final class MetadataCodec {
  private MetadataCodec() {}

  // The usual metadata of an EXECUTE's rows: NO_METADATA alone (no paging state, no new id), shared
  // (immutable) instead of one per response, by column count.
  private static final RowsMetadata[] NO_METADATA_ONLY = new RowsMetadata[64];

  static {
    for (int count = 0; count < NO_METADATA_ONLY.length; count++) {
      NO_METADATA_ONLY[count] =
          new RowsMetadata(RowsMetadata.NO_METADATA, count, null, null, List.of());
    }
  }

  /** Reads Rows {@code <metadata>}; {@code in} is not released. */
  public static RowsMetadata readRows(ByteBuf in, String field) {
    int flags = WireReader.readInt(in, field + ".flags");
    int countOffset = in.readerIndex();
    int count = WireReader.readInt(in, field + ".columns_count");
    if (count < 0) {
      throw new ProtocolException(field + ".columns_count", countOffset, "negative count " + count);
    }
    byte[] pagingState =
        (flags & RowsMetadata.HAS_MORE_PAGES) != 0
            ? requireBytes(in, field + ".paging_state")
            : null;
    byte[] newId =
        (flags & RowsMetadata.METADATA_CHANGED) != 0
            ? WireReader.readShortBytes(in, field + ".new_metadata_id")
            : null;
    if (flags == RowsMetadata.NO_METADATA && count < NO_METADATA_ONLY.length) {
      return NO_METADATA_ONLY[count];
    }
    List<ColumnSpec> columns =
        (flags & RowsMetadata.NO_METADATA) != 0 ? List.of() : readSpecs(in, flags, count, field);
    return new RowsMetadata(flags, count, pagingState, newId, columns);
  }

  private static byte[] requireBytes(ByteBuf in, String field) {
    int offset = in.readerIndex();
    byte[] b = WireReader.readBytes(in, field);
    if (b == null) {
      throw new ProtocolException(field, offset, "null paging state with Has_more_pages set");
    }
    return b;
  }

  /** Writes Rows {@code <metadata>} as its flags announce; {@code out} is not released. */
  public static void writeRows(ByteBuf out, RowsMetadata m) {
    out.writeInt(m.flags());
    out.writeInt(m.columnCount());
    if (m.pagingState() != null) {
      WireWriter.writeBytes(out, m.pagingState());
    }
    if (m.newMetadataId() != null) {
      WireWriter.writeShortBytes(out, m.newMetadataId(), "metadata.new_metadata_id");
    }
    if (!m.hasFlag(RowsMetadata.NO_METADATA)) {
      writeSpecs(out, m.flags(), m.columns());
    }
  }

  /** Reads Prepared {@code <metadata>}; {@code in} is not released. */
  public static PreparedMetadata readPrepared(ByteBuf in, String field) {
    int flags = WireReader.readInt(in, field + ".flags");
    int countOffset = in.readerIndex();
    int count = WireReader.readInt(in, field + ".columns_count");
    if (count < 0) {
      throw new ProtocolException(field + ".columns_count", countOffset, "negative count " + count);
    }
    int pkOffset = in.readerIndex();
    int pkCount = WireReader.readInt(in, field + ".pk_count");
    if (pkCount < 0) {
      throw new ProtocolException(field + ".pk_count", pkOffset, "negative count " + pkCount);
    }
    WireReader.need(in, 2L * pkCount, field + ".pk_index");
    List<Integer> pk = new ArrayList<>(pkCount);
    for (int i = 0; i < pkCount; i++) {
      pk.add(in.readUnsignedShort());
    }
    return new PreparedMetadata(flags, pk, readSpecs(in, flags, count, field));
  }

  /** Writes Prepared {@code <metadata>}; {@code out} is not released. */
  public static void writePrepared(ByteBuf out, PreparedMetadata m) {
    out.writeInt(m.flags());
    out.writeInt(m.variables().size());
    out.writeInt(m.partitionKeyIndexes().size());
    for (int i : m.partitionKeyIndexes()) {
      out.writeShort(i);
    }
    writeSpecs(out, m.flags(), m.variables());
  }

  private static List<ColumnSpec> readSpecs(ByteBuf in, int flags, int count, String field) {
    boolean global = (flags & RowsMetadata.GLOBAL_TABLES_SPEC) != 0;
    String keyspace = null;
    String table = null;
    if (global && count > 0) {
      keyspace = WireReader.readString(in, field + ".global_table_spec.keyspace");
      table = WireReader.readString(in, field + ".global_table_spec.table");
    }
    // each spec takes at least a [short] name length and a [short] type id
    WireReader.need(in, 4L * count, field + ".col_spec");
    List<ColumnSpec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String ks = global ? keyspace : WireReader.readString(in, field + ".col_spec.keyspace");
      String tb = global ? table : WireReader.readString(in, field + ".col_spec.table");
      String name = WireReader.readString(in, field + ".col_spec.name");
      specs.add(new ColumnSpec(ks, tb, name, readType(in, field + ".col_spec.type")));
    }
    return specs;
  }

  private static ColumnType readType(ByteBuf in, String field) {
    int offset = in.readerIndex();
    try {
      return ColumnTypeCodec.read(in);
    } catch (ProtocolException e) {
      throw e;
    } catch (CqlException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new ProtocolException(field, offset, e.getMessage(), e);
    }
  }

  private static void writeSpecs(ByteBuf out, int flags, List<ColumnSpec> specs) {
    boolean global = (flags & RowsMetadata.GLOBAL_TABLES_SPEC) != 0;
    if (global && !specs.isEmpty()) {
      WireWriter.writeString(out, specs.get(0).keyspace(), "metadata.keyspace");
      WireWriter.writeString(out, specs.get(0).table(), "metadata.table");
    }
    for (ColumnSpec c : specs) {
      if (!global) {
        WireWriter.writeString(out, c.keyspace(), "metadata.keyspace");
        WireWriter.writeString(out, c.table(), "metadata.table");
      }
      WireWriter.writeString(out, c.name(), "metadata.name");
      ColumnTypeCodec.write(c.type(), out);
    }
  }
}
