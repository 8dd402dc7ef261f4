package org.cql4j.testkit.internal.proxy;

import java.util.List;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Opcode;

/**
 * What the proxy reads from a request body: enough to match rules, route and rewrite. Immutable
 * (arrays are not copied: do not change them).
 *
 * @param opcode the request's opcode
 * @param query the CQL text of a QUERY or PREPARE, else {@code null}
 * @param preparedId the statement id of an EXECUTE, else {@code null}
 * @param consistency the consistency of a QUERY, EXECUTE or BATCH, else {@code null}
 * @param values the bound values of a QUERY or EXECUTE ({@code null} elements for null values)
 * @param keyspace the v5 per-request keyspace (flag 0x80), else {@code null}
 * @param parametersEnd where the query parameters of an EXECUTE end, as an offset in the body
 * @param batch the statements of a BATCH
 * @param startupOptions the options of a STARTUP
 */
record ParsedRequest(
    Opcode opcode,
    String query,
    byte[] preparedId,
    Consistency consistency,
    List<byte[]> values,
    String keyspace,
    int parametersEnd,
    List<BatchEntry> batch,
    Map<String, String> startupOptions) {

  /** A request the proxy does not look into. */
  static ParsedRequest other(Opcode opcode) {
    return new ParsedRequest(opcode, null, null, null, List.of(), null, -1, List.of(), Map.of());
  }

  /**
   * One statement of a BATCH.
   *
   * @param query the CQL text, or {@code null} for a prepared one
   * @param preparedId the prepared id, or {@code null}
   * @param values its bound values
   */
  record BatchEntry(String query, byte[] preparedId, List<byte[]> values) {}
}
