package org.cql4j.session.internal.metadata;

import org.cql4j.protocol.message.SchemaChange;

/**
 * What follows schema changes: a cache of schema facts, told by the topology monitor.
 * Implementations must be thread-safe and quick: they are called on an event loop.
 */
public interface SchemaListener {
  /**
   * A keyspace, table, type, function or aggregate changed.
   *
   * @param change what changed
   */
  void onSchemaChange(SchemaChange change);

  /** Schema events may have been missed (the control connection moved): forget everything. */
  void onSchemaEventsMissed();
}
