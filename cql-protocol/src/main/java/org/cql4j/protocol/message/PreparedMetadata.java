package org.cql4j.protocol.message;

import java.util.List;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * The {@code <metadata>} of a Prepared result: the bind markers and which of them form the
 * partition key (native_protocol_v4.spec §4.2.5.4). Immutable and thread-safe.
 *
 * @param flags the raw flags: {@link RowsMetadata#GLOBAL_TABLES_SPEC}, and on ScyllaDB the LWT bit
 *     announced by {@code SCYLLA_LWT_ADD_METADATA_MARK} (test it with the negotiated mask)
 * @param partitionKeyIndexes for each partition key column in order, the index of its bind marker;
 *     empty when some partition key column has no bind marker
 * @param variables the bind markers
 */
public record PreparedMetadata(
    int flags, List<Integer> partitionKeyIndexes, List<ColumnSpec> variables) {

  /** Copies the lists. */
  public PreparedMetadata {
    partitionKeyIndexes = List.copyOf(partitionKeyIndexes);
    variables = List.copyOf(variables);
  }

  /**
   * Metadata with a global table spec when all variables share one table.
   *
   * @param partitionKeyIndexes the partition key bind marker indexes
   * @param variables the bind markers
   * @return the metadata
   */
  public static PreparedMetadata of(List<Integer> partitionKeyIndexes, List<ColumnSpec> variables) {
    int flags =
        !variables.isEmpty() && RowsMetadata.sharesOneTable(variables)
            ? RowsMetadata.GLOBAL_TABLES_SPEC
            : 0;
    return new PreparedMetadata(flags, partitionKeyIndexes, variables);
  }

  /**
   * Whether the statement is a lightweight transaction, per ScyllaDB's metadata mark.
   *
   * @param lwtMask the {@code LWT_OPTIMIZATION_META_BIT_MASK} negotiated in SUPPORTED, or 0
   * @return {@code true} if the mask is non-zero and its bits are set in the flags
   */
  public boolean isLwt(int lwtMask) {
    return lwtMask != 0 && (flags & lwtMask) == lwtMask;
  }
}
