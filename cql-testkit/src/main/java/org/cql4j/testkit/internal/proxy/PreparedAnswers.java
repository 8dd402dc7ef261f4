package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.cql4j.protocol.internal.message.MetadataCodec;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * Reads the Prepared results the proxy forwards (native_protocol_v4.spec §4.2.5.4) to remember each
 * statement's partition key, and applies the emulation's changes to them: the LWT flag bit
 * (scylla-protocol-extensions.md, "LWT prepared statements metadata mark") and, for {@code
 * SCYLLA_USE_METADATA_ID} on v4, a result metadata id the Cassandra node does not send. Stateless
 * and thread-safe.
 */
final class PreparedAnswers {
  private static final int PREPARED = 4;

  private PreparedAnswers() {}

  /**
   * Handles a RESULT body if it is a Prepared result.
   *
   * @param body the decompressed body
   * @param at where the message starts
   * @param version the protocol version (v5 carries a metadata id)
   * @param request the PREPARE it answers
   * @param sessionKeyspace the connection's keyspace
   * @param lwtMask the LWT bit to set on conditional statements, 0 for none
   * @param addMetadataId whether to insert a result metadata id
   * @return the body to forward: {@code body} itself, changed in place, or a longer copy
   */
  static byte[] handle(
      byte[] body,
      int at,
      int version,
      RequestInfo request,
      String sessionKeyspace,
      PreparedStatements registry,
      int lwtMask,
      boolean addMetadataId) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    in.readerIndex(at);
    if (in.readInt() != PREPARED) {
      return body;
    }
    int idAt = in.readerIndex();
    int idLength = in.readUnsignedShort();
    byte[] id = new byte[idLength];
    in.readBytes(id);
    if (version >= 5) {
      in.skipBytes(in.readUnsignedShort());
    }
    int flagsAt = in.readerIndex();
    PreparedMetadata metadata = MetadataCodec.readPrepared(in, "RESULT.Prepared.metadata");
    int resultMetadataAt = in.readerIndex();
    String query = request == null ? null : request.query;
    String keyspace = null;
    String table = null;
    List<ColumnSpec> variables = metadata.variables();
    if (!variables.isEmpty()) {
      keyspace = variables.get(0).keyspace();
      table = variables.get(0).table();
    } else if (query != null) {
      String[] names = CqlNames.keyspaceAndTable(query, sessionKeyspace);
      keyspace = names[0];
      table = names[1];
    }
    if (query != null) {
      registry.put(
          id,
          new PreparedStatements.Statement(query, keyspace, table, metadata.partitionKeyIndexes()));
    }
    if (lwtMask != 0 && query != null && CqlNames.isConditional(query)) {
      in.setInt(flagsAt, in.getInt(flagsAt) | lwtMask);
    }
    if (!addMetadataId || version >= 5) {
      return body;
    }
    byte[] digest = md5(body, resultMetadataAt, body.length - resultMetadataAt);
    byte[] field = new byte[2 + digest.length];
    field[1] = (byte) digest.length;
    System.arraycopy(digest, 0, field, 2, digest.length);
    return Bodies.splice(body, idAt + 2 + idLength, 0, field);
  }

  /**
   * Takes the result metadata id ({@code <id><result_metadata_id><params>}) out of an EXECUTE for a
   * v4 node, which does not expect it.
   *
   * @param body the decompressed request body
   * @param hasPayload whether a custom payload precedes the message
   */
  static byte[] stripExecuteMetadataId(byte[] body, boolean hasPayload) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    if (hasPayload) {
      org.cql4j.protocol.internal.wire.WireReader.readBytesMap(in, "custom_payload");
    }
    in.skipBytes(in.readUnsignedShort());
    int at = in.readerIndex();
    int length = in.readUnsignedShort();
    return Bodies.splice(body, at, 2 + length, new byte[0]);
  }

  private static byte[] md5(byte[] bytes, int from, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      md.update(bytes, from, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
