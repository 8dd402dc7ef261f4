package org.cql4j.session.internal.topology;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cql4j.protocol.message.Event;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.UnsupportedProtocolVersionException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.pool.ConnectionSettings;
import org.cql4j.session.internal.session.BlockingCalls;

/**
 * The one connection that watches the cluster: it is registered for topology, status and schema
 * events and reads the system tables. Thread-safe: the current connection is volatile; connecting
 * is driven by {@link Cluster}, one attempt at a time.
 */
final class ControlConnection {
  private final ConnectionFactory factory;
  private final ConnectionSettings settings;
  private final Consumer<Event> events;
  private volatile Connection connection;

  ControlConnection(
      ConnectionFactory factory, ConnectionSettings settings, Consumer<Event> events) {
    this.factory = factory;
    this.settings = settings;
    this.events = events;
  }

  /** The open control connection, or null between a loss and the next successful connect. */
  Connection connection() {
    Connection c = connection;
    return c != null && c.isOpen() ? c : null;
  }

  /**
   * Connects to the first candidate that answers, trying them in order.
   *
   * @param candidates the addresses to try; supplied lazily so a retry sees the current nodes
   * @return the connection; fails with the {@link AuthenticationException} of the first node that
   *     rejects the credentials, or with a {@link ConnectionException} listing every failure
   */
  CompletableFuture<Connection> connect(Supplier<List<InetSocketAddress>> candidates) {
    List<InetSocketAddress> addresses = candidates.get();
    CompletableFuture<Connection> result = new CompletableFuture<>();
    tryNext(addresses.iterator(), new LinkedHashMap<>(), result);
    return result;
  }

  private void tryNext(
      Iterator<InetSocketAddress> addresses,
      Map<InetSocketAddress, Throwable> errors,
      CompletableFuture<Connection> result) {
    if (!addresses.hasNext()) {
      result.completeExceptionally(allFailed(errors));
      return;
    }
    tryAddress(addresses.next(), addresses, errors, result);
  }

  private void tryAddress(
      InetSocketAddress address,
      Iterator<InetSocketAddress> addresses,
      Map<InetSocketAddress, Throwable> errors,
      CompletableFuture<Connection> result) {
    factory
        .connect(settings.forControl(address, events))
        .whenComplete(
            (c, error) -> {
              if (error == null) {
                connection = c;
                result.complete(c);
                return;
              }
              Throwable cause = BlockingCalls.unwrap(error);
              if (cause instanceof AuthenticationException) {
                result.completeExceptionally(cause);
                return;
              }
              if (cause instanceof UnsupportedProtocolVersionException refused
                  && settings.downgrade(refused.refused())) {
                // negotiation (native_protocol_v5.spec §2.3.1): the same node, a lower version
                tryAddress(address, addresses, errors, result);
                return;
              }
              errors.put(address, cause);
              tryNext(addresses, errors, result);
            });
  }

  private static Throwable allFailed(Map<InetSocketAddress, Throwable> errors) {
    if (errors.size() == 1) {
      return errors.values().iterator().next();
    }
    List<String> lines = new ArrayList<>();
    errors.forEach((address, error) -> lines.add(address + ": " + error.getMessage()));
    ConnectionException e =
        new ConnectionException(
            "could not connect to any of " + errors.size() + " nodes: " + String.join("; ", lines),
            errors.values().iterator().next());
    errors.values().stream().skip(1).forEach(e::addSuppressed);
    return e;
  }

  /** Closes the current connection; the cluster stops reconnecting first. */
  CompletableFuture<Void> close() {
    Connection c = connection;
    return c == null ? CompletableFuture.completedFuture(null) : c.close();
  }
}
