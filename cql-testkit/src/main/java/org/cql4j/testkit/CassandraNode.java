package org.cql4j.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.cql4j.testkit.internal.CassandraClasspath;
import org.cql4j.testkit.internal.Folders;
import org.cql4j.testkit.internal.LogTail;
import org.cql4j.testkit.internal.NodeCommand;
import org.cql4j.testkit.internal.NodeFiles;
import org.cql4j.testkit.internal.NodeSettings;
import org.cql4j.testkit.internal.ProcessRegistry;
import org.cql4j.testkit.internal.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Cassandra node (5.0, or 4.1 when asked) running in its own Java 17 process;
 * thread-safe (its lifecycle methods are synchronized).
 *
 * <pre>{@code
 * try (CassandraNode node = CassandraNode.builder().build()) {
 *   node.start();                       // returns once the node answers CQL
 *   String contactPoint = node.contactPoint(); // "127.0.0.1:9042"
 * }                                     // stops the process and deletes its files
 * }</pre>
 *
 * <p>The server's classpath comes from the file the {@code cassandra-server} module (5.0) or the
 * {@code cassandra-server-4.1} module writes at build time (system property {@code
 * cql4j.cassandra.classpath} or {@code cql4j.cassandra41.classpath}), so no Cassandra jar is on the
 * classpath of the code under test. The node is ready when it answers a real OPTIONS request with
 * SUPPORTED (and, with authentication on, accepts the default {@code cassandra/cassandra} login). A
 * JVM shutdown hook kills any node still running when the test JVM exits.
 */
public final class CassandraNode implements AutoCloseable {
  /** The superuser PasswordAuthenticator creates on a new cluster. */
  public static final String DEFAULT_USERNAME = "cassandra";

  /** The default superuser's password. */
  public static final String DEFAULT_PASSWORD = "cassandra";

  private static final Logger LOG = LoggerFactory.getLogger(CassandraNode.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final int LOG_TAIL_LINES = 40;

  private final NodeSettings settings;
  private Process process;
  private boolean frozen;

  CassandraNode(NodeSettings settings) {
    this.settings = settings;
  }

  /** Starts configuring a node; every option has a default that suits a single test node. */
  public static CassandraNodeBuilder builder() {
    return new CassandraNodeBuilder();
  }

  /**
   * Starts the node and waits until it answers CQL; does nothing if it is running already.
   *
   * <p>A stopped node can be started again: it keeps its data.
   *
   * @throws CassandraStartException if the process exits or the node does not answer within the
   *     start timeout; the message holds the tail of the node's logs
   */
  public synchronized void start() {
    launch();
    awaitReady(System.nanoTime() + settings.startTimeout().toNanos());
  }

  /** Launches the process without waiting for it; the cluster starts several nodes this way. */
  synchronized void launch() {
    if (isRunning()) {
      return;
    }
    // A foreign listener on the CQL port would answer (or stall) the readiness probe instead of
    // the node; the storage port needs no such check, Cassandra itself reports it in its log.
    ensureNativePortFree();
    try {
      Path yaml = NodeFiles.write(settings);
      List<String> command =
          NodeCommand.build(settings, yaml, CassandraClasspath.read(settings.version()));
      process =
          new ProcessBuilder(command)
              .directory(settings.directory().toFile())
              .redirectErrorStream(true)
              .redirectOutput(settings.processOutput().toFile())
              .start();
    } catch (IOException e) {
      throw new CassandraStartException("Cannot launch Cassandra node " + describe() + ": " + e, e);
    }
    ProcessRegistry.register(process);
    LOG.info("Started Cassandra node {} as process {}", describe(), process.pid());
  }

  /** Waits until the launched node answers CQL, or throws with the log tail. */
  synchronized void awaitReady(long deadlineNanos) {
    IOException lastFailure = null;
    while (true) {
      if (process == null || !process.isAlive()) {
        String exit = process == null ? "was not launched" : "exited with " + process.exitValue();
        process = null;
        throw startFailure("Cassandra node " + describe() + " " + exit, lastFailure);
      }
      try {
        NativeProtocolProbe.supportedOptions(nativeAddress(), sslContext(), PROBE_TIMEOUT);
        if (settings.passwordAuthentication()) {
          countRows("SELECT release_version FROM system.local");
        }
        LOG.info("Cassandra node {} answers CQL", describe());
        return;
      } catch (IOException e) {
        lastFailure = e;
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        kill();
        throw startFailure(
            "Cassandra node "
                + describe()
                + " did not answer CQL within "
                + settings.startTimeout().toSeconds()
                + " s",
            lastFailure);
      }
      sleep(200);
    }
  }

  /**
   * Freezes the node (SIGSTOP by PID): it keeps its sockets open but answers nothing, as a node
   * stuck in a long GC pause or a hung VM would. {@link #thaw()} lets it run again; stopping a
   * frozen node thaws it first. Does nothing when the node is not running.
   */
  public synchronized void freeze() {
    signal("STOP");
    frozen = process != null;
  }

  /** Lets a frozen node run again (SIGCONT by PID). Does nothing when it is not frozen. */
  public synchronized void thaw() {
    if (frozen) {
      signal("CONT");
      frozen = false;
    }
  }

  /** Whether the node is frozen by {@link #freeze()}. */
  public synchronized boolean isFrozen() {
    return frozen;
  }

  private void signal(String name) {
    if (process == null) {
      return;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot send SIG" + name + " to " + describe(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending SIG" + name, e);
    }
    LOG.info("Sent SIG{} to Cassandra node {}", name, describe());
  }

  /**
   * Stops the node gracefully (SIGTERM by PID), and kills it (SIGKILL) if it has not exited within
   * the stop timeout. Keeps its data, so {@link #start()} brings it back. Idempotent.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    thaw();
    Process p = process;
    process = null;
    p.destroy();
    try {
      if (!p.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Cassandra node {} ignored SIGTERM; killing it", describe());
        p.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      ProcessRegistry.unregister(p);
    }
    LOG.info("Stopped Cassandra node {}", describe());
  }

  /**
   * Kills the node at once (SIGKILL by PID), as a crash would. Keeps its data. Idempotent.
   *
   * <p>Commit log replay makes the data written before the kill come back on the next start.
   */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    frozen = false; // SIGKILL ends a stopped process too
    Process p = process;
    process = null;
    try {
      p.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ProcessRegistry.unregister(p);
    }
  }

  /** Stops the node and deletes its folder (configuration, data and logs). Idempotent. */
  @Override
  public synchronized void close() {
    stop();
    Folders.deleteRecursively(settings.directory());
  }

  /** Whether the node's process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process id of the running node, or empty when it is not running. */
  public synchronized OptionalLong pid() {
    return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
  }

  /**
   * The Cassandra release line the node runs, {@code 5.0} or {@code 4.1}, as chosen with {@link
   * CassandraNodeBuilder#version(String)}.
   */
  public String version() {
    return settings.version().label();
  }

  /**
   * Asks the running node for its exact release ({@code SELECT release_version FROM system.local}).
   *
   * @return e.g. {@code 5.0.9} or {@code 4.1.10}
   * @throws IllegalStateException if the node does not answer
   */
  public String releaseVersion() {
    String cql = "SELECT release_version FROM system.local";
    try {
      return NativeProtocolProbe.queryText(
              nativeAddress(), sslContext(), login(), cql, PROBE_TIMEOUT)
          .orElseThrow(() -> new IOException("system.local has no release_version"));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Node " + describe() + " did not answer " + cql + ": " + e, e);
    }
  }

  /** The address the node listens on, e.g. {@code 127.0.0.1}. */
  public String address() {
    return settings.address();
  }

  /** The CQL port. */
  public int nativePort() {
    return settings.nativePort();
  }

  /** The CQL endpoint as a socket address. */
  public InetSocketAddress nativeAddress() {
    return new InetSocketAddress(settings.address(), settings.nativePort());
  }

  /** The CQL endpoint as {@code host:port}, the form drivers take as a contact point. */
  public String contactPoint() {
    return settings.address() + ":" + settings.nativePort();
  }

  /** Whether PasswordAuthenticator is on; log in as {@link #DEFAULT_USERNAME}. */
  public boolean passwordAuthentication() {
    return settings.passwordAuthentication();
  }

  /** The truststore clients need when client TLS is on, or empty when it is off. */
  public Optional<TrustStore> clientTrustStore() {
    return Optional.ofNullable(settings.tlsStores())
        .map(s -> new TrustStore(s.truststore(), TlsMaterial.PASSWORD, TlsMaterial.STORE_TYPE));
  }

  /**
   * The client key and certificate the node trusts when it requires client certificates (see {@link
   * CassandraNodeBuilder#requireClientCertificates(boolean)}), or empty when it does not.
   */
  public Optional<ClientKeyStore> clientKeyStore() {
    return Optional.ofNullable(settings.tlsStores())
        .filter(TlsMaterial.Stores::clientCertificates)
        .map(
            s ->
                new ClientKeyStore(
                    s.clientKeystore(), TlsMaterial.PASSWORD, TlsMaterial.STORE_TYPE));
  }

  /** The node's folder: {@code conf/}, {@code data/} and {@code logs/}. */
  public Path directory() {
    return settings.directory();
  }

  /** Cassandra's own log file. */
  public Path systemLog() {
    return settings.systemLog();
  }

  /**
   * Asks the node which protocol options it supports (an OPTIONS request).
   *
   * @return the SUPPORTED multimap, e.g. {@code CQL_VERSION -> [3.4.7]}, {@code COMPRESSION ->
   *     [snappy, lz4]}
   * @throws IllegalStateException if the node does not answer
   */
  public Map<String, List<String>> supportedOptions() {
    try {
      return NativeProtocolProbe.supportedOptions(nativeAddress(), sslContext(), PROBE_TIMEOUT);
    } catch (IOException e) {
      throw new IllegalStateException("Node " + describe() + " did not answer OPTIONS: " + e, e);
    }
  }

  /** Runs a query through the test kit's own probe and counts the rows of its first page. */
  int countRows(String cql) throws IOException {
    return NativeProtocolProbe.countRows(
        nativeAddress(), sslContext(), login(), cql, PROBE_TIMEOUT);
  }

  private NativeProtocolProbe.Credentials login() {
    return settings.passwordAuthentication()
        ? new NativeProtocolProbe.Credentials(DEFAULT_USERNAME, DEFAULT_PASSWORD)
        : null;
  }

  /** The last lines of the node's logs, for error messages. */
  public String logTail() {
    return LogTail.of(settings.systemLog(), LOG_TAIL_LINES)
        + "\n"
        + LogTail.of(settings.processOutput(), LOG_TAIL_LINES);
  }

  @Override
  public String toString() {
    return "CassandraNode[" + describe() + (isRunning() ? ", running]" : ", stopped]");
  }

  private String describe() {
    return contactPoint() + " (Cassandra " + version() + ", " + settings.directory() + ")";
  }

  private SSLContext sslContext() {
    ClientKeyStore clientKey = clientKeyStore().orElse(null);
    return clientTrustStore().map(trust -> trust.sslContext(clientKey)).orElse(null);
  }

  private CassandraStartException startFailure(String reason, Throwable cause) {
    return new CassandraStartException(reason + "\n" + logTail(), cause);
  }

  private void ensureNativePortFree() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(nativeAddress());
    } catch (IOException e) {
      throw new CassandraStartException(
          "Cannot start Cassandra node "
              + describe()
              + ": its CQL port "
              + contactPoint()
              + " is not free ("
              + e.getMessage()
              + "). Is another node or server using it?",
          e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CassandraStartException("Interrupted while waiting for Cassandra", e);
    }
  }
}
