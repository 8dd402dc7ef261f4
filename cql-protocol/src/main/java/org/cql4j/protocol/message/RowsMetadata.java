package org.cql4j.protocol.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * The {@code <metadata>} of a Rows result, or the {@code <result_metadata>} of a Prepared result
 * (native_protocol_v4.spec §4.2.5.2). Immutable and thread-safe; the arrays are not copied.
 *
 * @param flags the raw flags: {@link #GLOBAL_TABLES_SPEC}, {@link #HAS_MORE_PAGES}, {@link
 *     #NO_METADATA}, {@link #METADATA_CHANGED}; an encoder writes the parts these flags announce
 * @param columnCount the number of columns of each row (also when there is no metadata)
 * @param pagingState the paging state, present with {@link #HAS_MORE_PAGES}, else {@code null}
 * @param newMetadataId the new result metadata id, present with {@link #METADATA_CHANGED} ({@code
 *     SCYLLA_USE_METADATA_ID}, as in v5), else {@code null}
 * @param columns the column specs; empty with {@link #NO_METADATA}
 */
public record RowsMetadata(
    int flags,
    int columnCount,
    byte[] pagingState,
    byte[] newMetadataId,
    List<ColumnSpec> columns) {

  /** One keyspace and table for all columns (0x0001). */
  public static final int GLOBAL_TABLES_SPEC = 0x0001;

  /** More pages follow; a paging state is present (0x0002). */
  public static final int HAS_MORE_PAGES = 0x0002;

  /** No column specs (0x0004), as asked by the skip-metadata flag. */
  public static final int NO_METADATA = 0x0004;

  /** The result metadata changed; a new metadata id follows (0x0008, v5 and ScyllaDB). */
  public static final int METADATA_CHANGED = 0x0008;

  /** Copies the columns and checks the flags match the optional parts. */
  public RowsMetadata {
    columns = List.copyOf(columns);
    if (((flags & HAS_MORE_PAGES) != 0) != (pagingState != null)) {
      throw new IllegalArgumentException("HAS_MORE_PAGES must be set exactly with a paging state");
    }
    if (((flags & METADATA_CHANGED) != 0) != (newMetadataId != null)) {
      throw new IllegalArgumentException("METADATA_CHANGED must be set exactly with a new id");
    }
    if ((flags & NO_METADATA) == 0 && columns.size() != columnCount) {
      throw new IllegalArgumentException(columns.size() + " columns for count " + columnCount);
    }
  }

  /**
   * Metadata listing {@code columns}, with a global table spec when they all share one table.
   *
   * @param columns the column specs
   * @param pagingState the paging state, or {@code null} on the last page
   * @return the metadata
   */
  public static RowsMetadata of(List<ColumnSpec> columns, byte[] pagingState) {
    int flags = pagingState != null ? HAS_MORE_PAGES : 0;
    if (!columns.isEmpty() && sharesOneTable(columns)) {
      flags |= GLOBAL_TABLES_SPEC;
    }
    return new RowsMetadata(flags, columns.size(), pagingState, null, columns);
  }

  /**
   * Metadata without column specs, as sent when the request set skip metadata.
   *
   * @param columnCount the number of columns per row
   * @param pagingState the paging state, or {@code null} on the last page
   * @return the metadata
   */
  public static RowsMetadata noMetadata(int columnCount, byte[] pagingState) {
    int flags = NO_METADATA | (pagingState != null ? HAS_MORE_PAGES : 0);
    return new RowsMetadata(flags, columnCount, pagingState, null, List.of());
  }

  /** Whether every column has the same keyspace and table as the first. */
  static boolean sharesOneTable(List<ColumnSpec> columns) {
    ColumnSpec first = columns.get(0);
    for (ColumnSpec c : columns) {
      if (!c.keyspace().equals(first.keyspace()) || !c.table().equals(first.table())) {
        return false;
      }
    }
    return true;
  }

  /** Whether a flag is set. */
  public boolean hasFlag(int flag) {
    return (flags & flag) == flag;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowsMetadata m
        && flags == m.flags
        && columnCount == m.columnCount
        && Arrays.equals(pagingState, m.pagingState)
        && Arrays.equals(newMetadataId, m.newMetadataId)
        && columns.equals(m.columns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        flags, columnCount, Arrays.hashCode(pagingState), Arrays.hashCode(newMetadataId), columns);
  }

  @Override
  public String toString() {
    return "RowsMetadata[flags=0x"
        + Integer.toHexString(flags)
        + ", columnCount="
        + columnCount
        + ", pagingState="
        + (pagingState == null ? null : HexFormat.of().formatHex(pagingState))
        + ", columns="
        + columns
        + "]";
  }
}
