package org.cql4j.testkit.internal.proxy;

import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.testkit.proxy.Tablet;

/**
 * What the proxy remembers of a request until its response: for rules on the response, and for the
 * emulation's answers. Confined to the connection's event loop.
 */
final class RequestInfo {
  final Opcode opcode;
  final String query;
  final String keyspace;
  final String table;
  final Consistency consistency;
  final byte[] preparedId;

  /** The tablet to announce with the response (a misrouted request), or null. */
  Tablet tabletPayload;

  /** Whether that announcement is {@code tablets-routing-v2}. */
  boolean tabletV2;

  RequestInfo(
      Opcode opcode,
      String query,
      String keyspace,
      String table,
      Consistency consistency,
      byte[] preparedId) {
    this.opcode = opcode;
    this.query = query;
    this.keyspace = keyspace;
    this.table = table;
    this.consistency = consistency;
    this.preparedId = preparedId;
  }
}
