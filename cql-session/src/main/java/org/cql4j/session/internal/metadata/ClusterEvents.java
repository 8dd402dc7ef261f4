package org.cql4j.session.internal.metadata;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Node;
import org.cql4j.session.observability.NodeStateListener;
import org.cql4j.session.observability.SchemaChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers node and schema changes to the session's {@link NodeStateListener}s and {@link
 * SchemaChangeListener}s. Thread-safe: callers (the {@link MetadataManager}, under its locks) only
 * enqueue; one thread of its own calls the listeners, one change at a time in the order enqueued,
 * and computes schema differences there, off the caller's thread. A listener that throws is logged
 * once (per listener) and keeps being called. The thread exists only while there is work.
 */
public final class ClusterEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);

  /** No listener: every call is a no-op, and no thread is ever started. */
  public static final ClusterEvents NONE = new ClusterEvents(List.of(), List.of());

  private final List<NodeStateListener> nodeListeners;
  private final List<SchemaChangeListener> schemaListeners;
  private final ThreadPoolExecutor thread;
  private final Set<Object> warned = ConcurrentHashMap.newKeySet();

  /**
   * Creates the delivery of changes to listeners.
   *
   * @param nodeListeners told about nodes, in order
   * @param schemaListeners told about the schema, in order
   */
  public ClusterEvents(
      List<NodeStateListener> nodeListeners, List<SchemaChangeListener> schemaListeners) {
    this.nodeListeners = List.copyOf(nodeListeners);
    this.schemaListeners = List.copyOf(schemaListeners);
    if (this.nodeListeners.isEmpty() && this.schemaListeners.isEmpty()) {
      this.thread = null;
    } else {
      this.thread =
          new ThreadPoolExecutor(
              1,
              1,
              10,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              new DefaultThreadFactory("cql4j-events", true));
      this.thread.allowCoreThreadTimeOut(true);
    }
  }

  /**
   * Nodes were added to and removed from the published snapshot.
   *
   * @param change the nodes added and removed
   */
  void nodesChanged(MetadataManager.NodesChange change) {
    if (nodeListeners.isEmpty() || change.isEmpty()) {
      return;
    }
    submit(
        () -> {
          change.removed().forEach(node -> eachNodeListener(l -> l.onRemove(node)));
          change.added().forEach(node -> eachNodeListener(l -> l.onAdd(node)));
        });
  }

  /**
   * A node's up/down flag flipped.
   *
   * @param node the node
   * @param up its new state
   */
  void nodeStateChanged(Node node, boolean up) {
    if (nodeListeners.isEmpty()) {
      return;
    }
    submit(
        () ->
            eachNodeListener(
                l -> {
                  if (up) {
                    l.onUp(node);
                  } else {
                    l.onDown(node);
                  }
                }));
  }

  /**
   * The published schema changed from one snapshot to the next.
   *
   * @param previous the keyspaces before
   * @param current the keyspaces now
   */
  void schemaChanged(
      Map<String, KeyspaceMetadata> previous, Map<String, KeyspaceMetadata> current) {
    if (schemaListeners.isEmpty() || previous.equals(current)) {
      return;
    }
    submit(
        () -> {
          for (Consumer<SchemaChangeListener> call : SchemaDiff.changes(previous, current)) {
            for (SchemaChangeListener listener : schemaListeners) {
              try {
                call.accept(listener);
              } catch (RuntimeException e) {
                warn(listener, e);
              }
            }
          }
        });
  }

  /** Stops the thread once the changes already enqueued are delivered. */
  void close() {
    if (thread != null) {
      thread.shutdown();
    }
  }

  private void eachNodeListener(Consumer<NodeStateListener> call) {
    for (NodeStateListener listener : nodeListeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        warn(listener, e);
      }
    }
  }

  private void submit(Runnable delivery) {
    try {
      thread.execute(delivery);
    } catch (RejectedExecutionException e) {
      LOG.debug("session closed; not delivering a cluster change");
    }
  }

  private void warn(Object listener, RuntimeException e) {
    if (warned.add(listener)) {
      LOG.warn("listener {} threw (logged once, the session goes on)", listener, e);
    }
  }
}
