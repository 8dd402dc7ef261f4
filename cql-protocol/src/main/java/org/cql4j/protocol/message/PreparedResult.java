package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cql4j.protocol.internal.message.MetadataCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * A Prepared result: the answer to PREPARE (native_protocol_v4.spec §4.2.5.4). Immutable and
 * thread-safe; the arrays are not copied (do not change them).
 *
 * @param id the prepared statement id
 * @param resultMetadataId the result metadata id, present only when {@code SCYLLA_USE_METADATA_ID}
 *     is negotiated, else {@code null}
 * @param variables the bind markers and partition key indexes
 * @param resultMetadata the metadata of the rows the statement returns (may be empty)
 */
public record PreparedResult(
    byte[] id, byte[] resultMetadataId, PreparedMetadata variables, RowsMetadata resultMetadata)
    implements Result {

  /** Checks the required components. */
  public PreparedResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(resultMetadata, "resultMetadata");
  }

  @Override
  public int kind() {
    return PREPARED;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    out.writeInt(PREPARED);
    WireWriter.writeShortBytes(out, id, "RESULT.Prepared.id");
    if (features.resultMetadataIds()) {
      WireWriter.writeShortBytes(
          out,
          resultMetadataId == null ? new byte[0] : resultMetadataId,
          "RESULT.Prepared.result_metadata_id");
    }
    MetadataCodec.writePrepared(out, variables);
    MetadataCodec.writeRows(out, resultMetadata);
  }

  static PreparedResult decodeAfterKind(ByteBuf in, ProtocolFeatures features) {
    byte[] id = WireReader.readShortBytes(in, "RESULT.Prepared.id");
    byte[] metadataId =
        features.resultMetadataIds()
            ? WireReader.readShortBytes(in, "RESULT.Prepared.result_metadata_id")
            : null;
    PreparedMetadata variables = MetadataCodec.readPrepared(in, "RESULT.Prepared.metadata");
    RowsMetadata result = MetadataCodec.readRows(in, "RESULT.Prepared.result_metadata");
    return new PreparedResult(id, metadataId, variables, result);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreparedResult p
        && Arrays.equals(id, p.id)
        && Arrays.equals(resultMetadataId, p.resultMetadataId)
        && variables.equals(p.variables)
        && resultMetadata.equals(p.resultMetadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(id), Arrays.hashCode(resultMetadataId), variables, resultMetadata);
  }

  @Override
  public String toString() {
    return "PreparedResult[id="
        + HexFormat.of().formatHex(id)
        + ", variables="
        + variables
        + ", resultMetadata="
        + resultMetadata
        + "]";
  }
}
