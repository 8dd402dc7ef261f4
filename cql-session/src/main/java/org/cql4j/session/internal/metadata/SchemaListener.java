package org.cql4j.session.internal.metadata;

import java.util.List;
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

  /**
   * A listener that tells each of several, in order.
   *
   * @param listeners the listeners
   * @return the combined listener
   */
  static SchemaListener all(SchemaListener... listeners) {
    List<SchemaListener> all = List.of(listeners);
    return new SchemaListener() {
      @Override
      public void onSchemaChange(SchemaChange change) {
        all.forEach(l -> l.onSchemaChange(change));
      }

      @Override
      public void onSchemaEventsMissed() {
        all.forEach(SchemaListener::onSchemaEventsMissed);
      }
    };
  }
}
