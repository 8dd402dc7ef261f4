package org.cql4j.testkit.internal.proxy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements the proxy saw prepared, by id, shared by every node (the id is a hash of the text
 * and keyspace, the same on every node). Thread-safe.
 */
final class PreparedStatements {
  /**
   * A prepared statement.
   *
   * @param query its CQL text
   * @param keyspace its keyspace, or null when unknown
   * @param table its table, or null when unknown
   * @param partitionKeyIndexes the bind markers of the partition key, in key order (empty when the
   *     key is not fully bound)
   */
  record Statement(
      String query, String keyspace, String table, List<Integer> partitionKeyIndexes) {}

  private final Map<String, Statement> byId = new ConcurrentHashMap<>();

  void put(byte[] id, Statement statement) {
    byId.put(HexFormat.of().formatHex(id), statement);
  }

  Statement get(byte[] id) {
    return id == null ? null : byId.get(HexFormat.of().formatHex(id));
  }
}
