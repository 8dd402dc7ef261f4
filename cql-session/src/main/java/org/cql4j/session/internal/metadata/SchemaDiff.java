package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.observability.SchemaChangeListener;

/**
 * Compares two schemas into the calls that tell a {@link SchemaChangeListener} what was created,
 * updated and dropped. Stateless and thread-safe.
 *
 * <p>A created or dropped keyspace is reported alone; for a keyspace in both, its own options, then
 * its user types, functions, aggregates, tables and views are compared (each kind: dropped,
 * created, updated). Functions and aggregates are matched by their signature's CQL text, which
 * names user types without their fields, so that altering a type updates a function rather than
 * replacing it.
 */
public final class SchemaDiff {
  private SchemaDiff() {}

  /** A call of an "updated" callback: the listener, the element now, the element before. */
  @FunctionalInterface
  private interface Updated<V> {
    void call(SchemaChangeListener listener, V current, V previous);
  }

  /**
   * The calls that report the differences between two schemas, in order.
   *
   * @param previous the keyspaces before, by name
   * @param current the keyspaces now, by name
   * @return each difference as a call to make on a listener; empty when the schemas are equal
   */
  public static List<Consumer<SchemaChangeListener>> changes(
      Map<String, KeyspaceMetadata> previous, Map<String, KeyspaceMetadata> current) {
    List<Consumer<SchemaChangeListener>> calls = new ArrayList<>();
    if (previous.equals(current)) {
      return calls;
    }
    previous.forEach(
        (name, ks) -> {
          if (!current.containsKey(name)) {
            calls.add(l -> l.onKeyspaceDropped(ks));
          }
        });
    current.forEach(
        (name, ks) -> {
          KeyspaceMetadata before = previous.get(name);
          if (before == null) {
            calls.add(l -> l.onKeyspaceCreated(ks));
          } else if (!before.equals(ks)) {
            contents(before, ks, calls);
          }
        });
    return calls;
  }

  /**
   * Tells a listener the differences between two schemas, on the caller's thread.
   *
   * @param previous the keyspaces before, by name
   * @param current the keyspaces now, by name
   * @param listener told about each difference
   */
  public static void compare(
      Map<String, KeyspaceMetadata> previous,
      Map<String, KeyspaceMetadata> current,
      SchemaChangeListener listener) {
    changes(previous, current).forEach(call -> call.accept(listener));
  }

  private static void contents(
      KeyspaceMetadata before, KeyspaceMetadata now, List<Consumer<SchemaChangeListener>> calls) {
    if (!before.replication().equals(now.replication())
        || before.durableWrites() != now.durableWrites()) {
      calls.add(l -> l.onKeyspaceUpdated(now, before));
    }
    elements(
        before.userTypes(),
        now.userTypes(),
        SchemaChangeListener::onUserTypeDropped,
        SchemaChangeListener::onUserTypeCreated,
        SchemaChangeListener::onUserTypeUpdated,
        calls);
    elements(
        byText(before.functions()),
        byText(now.functions()),
        SchemaChangeListener::onFunctionDropped,
        SchemaChangeListener::onFunctionCreated,
        SchemaChangeListener::onFunctionUpdated,
        calls);
    elements(
        byText(before.aggregates()),
        byText(now.aggregates()),
        SchemaChangeListener::onAggregateDropped,
        SchemaChangeListener::onAggregateCreated,
        SchemaChangeListener::onAggregateUpdated,
        calls);
    elements(
        before.tables(),
        now.tables(),
        SchemaChangeListener::onTableDropped,
        SchemaChangeListener::onTableCreated,
        SchemaChangeListener::onTableUpdated,
        calls);
    elements(
        before.views(),
        now.views(),
        SchemaChangeListener::onViewDropped,
        SchemaChangeListener::onViewCreated,
        SchemaChangeListener::onViewUpdated,
        calls);
  }

  // dropped, then created, then updated
  private static <K, V> void elements(
      Map<K, V> before,
      Map<K, V> now,
      BiConsumer<SchemaChangeListener, V> dropped,
      BiConsumer<SchemaChangeListener, V> created,
      Updated<V> updated,
      List<Consumer<SchemaChangeListener>> calls) {
    before.forEach(
        (key, value) -> {
          if (!now.containsKey(key)) {
            calls.add(l -> dropped.accept(l, value));
          }
        });
    now.forEach(
        (key, value) -> {
          if (!before.containsKey(key)) {
            calls.add(l -> created.accept(l, value));
          }
        });
    now.forEach(
        (key, value) -> {
          V old = before.get(key);
          if (old != null && !Objects.equals(old, value)) {
            calls.add(l -> updated.call(l, value, old));
          }
        });
  }

  private static <K, V> Map<String, V> byText(Map<K, V> bySignature) {
    Map<String, V> byText = new LinkedHashMap<>();
    bySignature.forEach((signature, value) -> byText.put(signature.toString(), value));
    return byText;
  }
}
