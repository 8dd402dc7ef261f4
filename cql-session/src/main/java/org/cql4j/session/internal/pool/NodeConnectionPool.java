package org.cql4j.session.internal.pool;

import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one node: opened in the background, replaced with exponential backoff when
 * they close or fail to open. Thread-safe: the set of open connections is a copy-on-write array
 * read without locking on every request; changes happen under a lock.
 *
 * <p>A node that cannot be reached only affects requests planned for it: the pool reports the node
 * down to its {@link Listener} and keeps retrying on its own schedule, and an UP event from the
 * cluster ({@link #reconnectNow()}) retries at once.
 */
public final class NodeConnectionPool {
  private static final Logger LOG = LoggerFactory.getLogger(NodeConnectionPool.class);
  private static final Connection[] NONE = new Connection[0];

  /**
   * What the pool tells the cluster. Called under the pool's lock, so that the notifications of a
   * pool arrive in the order of its state changes and the node is marked up before anyone waiting
   * for the pool's first round runs; implementations must be quick and must not call back into the
   * pool.
   */
  public interface Listener {
    /**
     * The pool has its first open connection after having none.
     *
     * @param address the node
     */
    void onPoolUp(InetSocketAddress address);

    /**
     * The pool lost its last open connection, or could not open any.
     *
     * @param address the node
     * @param cause why the last connection closed or the last attempt failed
     */
    void onPoolDown(InetSocketAddress address, Throwable cause);
  }

  private final InetSocketAddress address;
  private final int size;
  private final ConnectionFactory factory;
  private final ConnectionSettings settings;
  private final Supplier<String> keyspace;
  private final ScheduledExecutorService scheduler;
  private final Listener listener;
  private final Object lock = new Object();
  private final ReconnectionSchedule backoff =
      new ReconnectionSchedule(ReconnectionSchedule.BASE, ReconnectionSchedule.MAX);
  private final CompletableFuture<Void> firstRound = new CompletableFuture<>();

  private volatile Connection[] open = NONE;
  // guarded by lock
  private int connecting;
  private int firstRoundLeft;
  private boolean closed;
  private ScheduledFuture<?> retry;
  private Throwable lastError;

  /**
   * Creates a pool; nothing connects before {@link #start()}.
   *
   * @param address the node
   * @param size how many connections to keep open
   * @param factory opens connections
   * @param settings the connections' configuration
   * @param keyspace the session's current keyspace (a CQL identifier) or null; read for each new
   *     connection
   * @param scheduler runs reconnection attempts
   * @param listener told when the node becomes reachable or unreachable
   */
  public NodeConnectionPool(
      InetSocketAddress address,
      int size,
      ConnectionFactory factory,
      ConnectionSettings settings,
      Supplier<String> keyspace,
      ScheduledExecutorService scheduler,
      Listener listener) {
    this.address = Objects.requireNonNull(address, "address");
    this.size = size;
    this.factory = factory;
    this.settings = settings;
    this.keyspace = keyspace;
    this.scheduler = scheduler;
    this.listener = listener;
    this.firstRoundLeft = size;
  }

  /**
   * Opens the connections in the background; calling it again only returns the same future.
   *
   * @return completes once every first attempt has succeeded or failed (never exceptionally)
   */
  public CompletableFuture<Void> start() {
    fill();
    return firstRound;
  }

  /** The node this pool connects to. */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * The open connection with the fewest requests in flight, or null when none is open. Lock-free.
   *
   * @return a connection or null
   */
  public Connection connection() {
    Connection[] connections = open;
    if (connections.length == 1) {
      Connection only = connections[0];
      return only.isOpen() ? only : null;
    }
    Connection best = null;
    int bestLoad = Integer.MAX_VALUE;
    for (Connection c : connections) {
      if (c.isOpen()) {
        int load = c.inFlight() + c.waiting();
        if (load < bestLoad) {
          best = c;
          bestLoad = load;
        }
      }
    }
    return best;
  }

  /** Why the last connection attempt failed or the last connection closed, or null. */
  public Throwable lastError() {
    synchronized (lock) {
      return lastError;
    }
  }

  /**
   * The cluster reported the node down: tells the listener so unless a connection is open (the
   * driver's own view wins, as a connection may have opened since the event was sent).
   *
   * @param cause what to report as the reason
   */
  public void reportedDown(Throwable cause) {
    synchronized (lock) {
      if (!closed && connection() == null) {
        listener.onPoolDown(address, cause);
      }
    }
  }

  /** Tries to reconnect now, skipping the backoff (the node was reported up). */
  public void reconnectNow() {
    synchronized (lock) {
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
      backoff.reset();
    }
    fill();
  }

  /**
   * Switches every open connection to a keyspace; new connections start in it already.
   *
   * @param keyspaceCql the keyspace as a CQL identifier
   * @param timeout the timeout of each {@code USE}
   * @return completes when every connection switched
   */
  public CompletableFuture<Void> useKeyspace(String keyspaceCql, Duration timeout) {
    List<CompletableFuture<?>> switches = new ArrayList<>();
    for (Connection c : open) {
      switches.add(use(c, keyspaceCql, timeout));
    }
    return CompletableFuture.allOf(switches.toArray(CompletableFuture[]::new));
  }

  /**
   * Closes every connection gracefully (requests in flight complete) and stops reconnecting.
   *
   * @return completes when every connection is closed
   */
  public CompletableFuture<Void> close() {
    Connection[] connections;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      closed = true;
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
      connections = open;
      open = NONE;
    }
    firstRound.complete(null);
    return CompletableFuture.allOf(
        Arrays.stream(connections).map(Connection::close).toArray(CompletableFuture[]::new));
  }

  private void fill() {
    int toOpen;
    synchronized (lock) {
      if (closed) {
        return;
      }
      toOpen = size - open.length - connecting;
      connecting += Math.max(0, toOpen);
    }
    for (int i = 0; i < toOpen; i++) {
      String ks = keyspace.get();
      factory
          .connect(settings.forPool(address, ks))
          .whenComplete((connection, error) -> onConnectAttempt(connection, error, ks));
    }
  }

  private void onConnectAttempt(Connection connection, Throwable error, String usedKeyspace) {
    boolean closeIt = false;
    boolean firstRoundDone;
    synchronized (lock) {
      connecting--;
      firstRoundDone = firstRoundLeft > 0 && --firstRoundLeft == 0;
      if (closed) {
        closeIt = connection != null;
      } else if (error != null) {
        lastError = error;
        scheduleRetry();
        if (open.length == 0) {
          listener.onPoolDown(address, error);
        }
      } else {
        Connection[] grown = Arrays.copyOf(open, open.length + 1);
        grown[open.length] = connection;
        open = grown;
        backoff.reset();
        if (grown.length == 1) {
          listener.onPoolUp(address);
        }
      }
    }
    if (closeIt) {
      connection.forceClose();
    } else if (error != null) {
      LOG.debug("connection to {} failed: {}", address, error.toString());
    } else {
      connection.closeFuture().whenComplete((v, e) -> onClosed(connection));
      String current = keyspace.get();
      if (current != null && !current.equals(usedKeyspace)) {
        // the session switched keyspaces while this connection was being opened
        use(connection, current, Duration.ofSeconds(10));
      }
    }
    // after the listener: whoever waits for the first round sees the node's state
    if (firstRoundDone || closeIt) {
      firstRound.complete(null);
    }
  }

  private void onClosed(Connection connection) {
    Throwable cause;
    synchronized (lock) {
      if (closed) {
        return;
      }
      Connection[] current = open;
      List<Connection> kept = new ArrayList<>(current.length);
      for (Connection c : current) {
        if (c != connection) {
          kept.add(c);
        }
      }
      open = kept.toArray(NONE);
      cause =
          connection
              .closeCause()
              .orElseGet(() -> new IllegalStateException("connection to " + address + " closed"));
      lastError = cause;
      scheduleRetry();
      if (open.length == 0) {
        listener.onPoolDown(address, cause);
      }
    }
    LOG.debug("connection to {} closed: {}", address, cause.toString());
  }

  // under lock
  private void scheduleRetry() {
    if (retry != null || closed) {
      return;
    }
    long delay = backoff.nextDelayNanos();
    retry =
        scheduler.schedule(
            () -> {
              synchronized (lock) {
                retry = null;
              }
              fill();
            },
            delay,
            TimeUnit.NANOSECONDS);
  }

  private static CompletableFuture<Void> use(Connection c, String keyspaceCql, Duration timeout) {
    Query use =
        new Query("USE " + keyspaceCql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    return c.send(use, timeout)
        .thenAccept(response -> ReferenceCountUtil.release(response.message()));
  }

  @Override
  public String toString() {
    return "NodeConnectionPool[" + address + ", " + open.length + "/" + size + " open]";
  }
}
