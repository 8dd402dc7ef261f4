package org.cql4j.testkit.proxy;

import java.util.List;
import java.util.Optional;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Opcode;

/**
 * A frame crossing the proxy, as rules see it; confined to the connection's event loop while a rule
 * looks at it (copy what you keep). Fields are decoded on first use; a body that cannot be decoded
 * yields empty values, never an exception.
 *
 * <p>For a response, the request-side values ({@link #query()}, {@link #consistency()}, {@link
 * #keyspace()}, {@link #table()}) are those of the request with the same stream id.
 */
public interface ProxyFrame {
  /** Whether it is a request or a response. */
  Direction direction();

  /** The protocol version of the frame (3, 4 or 5). */
  int version();

  /** The stream id (-1 for an event). */
  int streamId();

  /** The frame header's flags (native_protocol_v4.spec §2.2). */
  int flags();

  /** The opcode, empty when the byte is not a known opcode. */
  Optional<Opcode> opcode();

  /** The proxied node's number, counted from 1. */
  int node();

  /** The connection the frame crosses. */
  ProxyConnection connection();

  /** A copy of the body, decompressed. */
  byte[] body();

  /**
   * The CQL text: of a QUERY or PREPARE, of the prepared statement an EXECUTE runs (when the proxy
   * saw it prepared), of a BATCH's statements joined with {@code "; "}; for a response, its
   * request's.
   */
  Optional<String> query();

  /** The consistency of a QUERY, EXECUTE or BATCH (or of a response's request). */
  Optional<Consistency> consistency();

  /**
   * The keyspace a statement works on: its prepared metadata's, the one named in the CQL text
   * ({@code ks.table}), or the connection's {@code USE} keyspace.
   */
  Optional<String> keyspace();

  /** The table a statement works on, from its prepared metadata or its CQL text. */
  Optional<String> table();

  /** The prepared statement id of an EXECUTE. */
  Optional<byte[]> preparedId();

  /** The error code of an ERROR response. */
  Optional<Integer> errorCode();

  /** The bound values of a QUERY or EXECUTE, in order ({@code null} for a null value). */
  List<byte[]> values();
}
