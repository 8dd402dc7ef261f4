package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.message.ParametersCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * EXECUTE: executes a prepared query (native_protocol_v4.spec §4.1.6). Immutable and thread-safe as
 * long as its bound values are; the id arrays are not copied (do not change them).
 *
 * @param id the prepared statement id, a [short bytes]
 * @param resultMetadataId the result metadata id, written after the id only when {@code
 *     SCYLLA_USE_METADATA_ID} is negotiated (as in v5); may be {@code null} otherwise
 * @param parameters consistency, values and options
 * @param tabletVersionBlock the {@code tablet_version_block} byte written after the parameters when
 *     {@code TABLETS_ROUTING_V2_EXPERIMENTAL} is negotiated (scylla-protocol-extensions.md,
 *     "Tablets routing v2"): the block index in the high nibble, that 4-bit slice of the tablet's
 *     version in the low one; 0 to 255
 */
public record Execute(
    byte[] id, byte[] resultMetadataId, QueryParameters parameters, int tabletVersionBlock)
    implements Request {

  /** Checks the id and parameters are present. */
  public Execute {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parameters, "parameters");
    if (tabletVersionBlock < 0 || tabletVersionBlock > 0xFF) {
      throw new IllegalArgumentException(
          "a tablet version block is one byte, not " + tabletVersionBlock);
    }
  }

  /**
   * An EXECUTE without a tablet version block (sent as 0 where tablets routing v2 wants one).
   *
   * @param id the prepared statement id
   * @param resultMetadataId the result metadata id, or null
   * @param parameters consistency, values and options
   */
  public Execute(byte[] id, byte[] resultMetadataId, QueryParameters parameters) {
    this(id, resultMetadataId, parameters, 0);
  }

  @Override
  public Opcode opcode() {
    return Opcode.EXECUTE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeShortBytes(out, id, "EXECUTE.id");
    if (features.resultMetadataIds()) {
      WireWriter.writeShortBytes(
          out,
          resultMetadataId == null ? new byte[0] : resultMetadataId,
          "EXECUTE.result_metadata_id");
    }
    ParametersCodec.write(out, parameters, features.v5());
    if (features.tabletsRoutingV2()) {
      out.writeByte(tabletVersionBlock);
    }
  }

  /**
   * Decodes an EXECUTE body; values are copied into {@link RawValues}.
   *
   * @param in the body; not released
   * @param features the negotiated extensions
   * @return the message
   */
  public static Execute decode(ByteBuf in, ProtocolFeatures features) {
    byte[] id = WireReader.readShortBytes(in, "EXECUTE.id");
    byte[] metadataId =
        features.resultMetadataIds()
            ? WireReader.readShortBytes(in, "EXECUTE.result_metadata_id")
            : null;
    QueryParameters parameters = ParametersCodec.read(in, "EXECUTE", features.v5());
    int block =
        features.tabletsRoutingV2()
            ? WireReader.readByte(in, "EXECUTE.tablet_version_block") & 0xFF
            : 0;
    return new Execute(id, metadataId, parameters, block);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Execute e
        && Arrays.equals(id, e.id)
        && Arrays.equals(resultMetadataId, e.resultMetadataId)
        && parameters.equals(e.parameters)
        && tabletVersionBlock == e.tabletVersionBlock;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(id), Arrays.hashCode(resultMetadataId), parameters, tabletVersionBlock);
  }

  @Override
  public String toString() {
    return "Execute[id="
        + HexFormat.of().formatHex(id)
        + ", resultMetadataId="
        + (resultMetadataId == null ? null : HexFormat.of().formatHex(resultMetadataId))
        + ", parameters="
        + parameters
        + "]";
  }
}
