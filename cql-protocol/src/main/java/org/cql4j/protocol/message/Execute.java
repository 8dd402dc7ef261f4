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
 */
public record Execute(byte[] id, byte[] resultMetadataId, QueryParameters parameters)
    implements Request {

  /** Checks the id and parameters are present. */
  public Execute {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parameters, "parameters");
  }

  @Override
  public Opcode opcode() {
    return Opcode.EXECUTE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeShortBytes(out, id, "EXECUTE.id");
    if (features.useMetadataId()) {
      WireWriter.writeShortBytes(
          out,
          resultMetadataId == null ? new byte[0] : resultMetadataId,
          "EXECUTE.result_metadata_id");
    }
    ParametersCodec.write(out, parameters);
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
        features.useMetadataId()
            ? WireReader.readShortBytes(in, "EXECUTE.result_metadata_id")
            : null;
    return new Execute(id, metadataId, ParametersCodec.read(in, "EXECUTE"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Execute e
        && Arrays.equals(id, e.id)
        && Arrays.equals(resultMetadataId, e.resultMetadataId)
        && parameters.equals(e.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(id), Arrays.hashCode(resultMetadataId), parameters);
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
