package org.cql4j.session.internal.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.message.Event;
import org.cql4j.session.auth.AuthenticatorProvider;
import org.cql4j.session.internal.metrics.NodeCounters;

/**
 * How to open one connection, immutable and thread-safe (as long as the listener and providers
 * are): where, TLS, compression, login, keyspace, events and limits. Build it with {@link
 * #builder(InetSocketAddress)}.
 *
 * @param address the node's CQL endpoint
 * @param localAddress the local address to bind, or {@code null} for any (the shard-aware port
 *     needs a chosen local port)
 * @param sslContext TLS when not {@code null}
 * @param hostnameVerification whether TLS checks that the certificate names {@code address}
 * @param compressor the compression to ask for, or {@code null}; used only if the node lists it in
 *     SUPPORTED, otherwise the connection runs uncompressed (and logs it)
 * @param authProvider logs in when the node asks to, or {@code null} (then a node that requires
 *     authentication fails the connection with an {@code AuthenticationException})
 * @param connectTimeout the time allowed for TCP connect, TLS and the whole CQL handshake
 * @param keyspace the keyspace to {@code USE} after READY, as a CQL identifier (quoted if it must
 *     be), or {@code null}
 * @param eventTypes the event types to REGISTER for after READY (control connection), empty for
 *     none
 * @param eventListener receives the EVENT frames (stream -1), on the event loop; must not block;
 *     {@code null} when no events are registered
 * @param maxFrameLength the largest frame body accepted or sent, in bytes
 * @param maxOrphans how many timed-out, still unanswered stream ids a connection tolerates before
 *     it is closed
 * @param maxWaitingRequests how many requests may wait for a free stream id before {@code send}
 *     fails fast with a "connection full" {@code ConnectionException}
 * @param keepaliveInterval after how long without a read the connection sends a heartbeat; zero for
 *     none
 * @param keepaliveTimeout how long a heartbeat may wait for its answer before the connection closes
 * @param driverName sent as {@code DRIVER_NAME} in STARTUP
 * @param driverVersion sent as {@code DRIVER_VERSION} in STARTUP
 * @param counters the node's metrics this connection counts into ({@link NodeCounters#NONE} for
 *     none)
 * @param protocolVersion the native protocol version to speak (offered in OPTIONS and STARTUP)
 */
public record ConnectionConfig(
    InetSocketAddress address,
    InetSocketAddress localAddress,
    SSLContext sslContext,
    boolean hostnameVerification,
    Compressor compressor,
    AuthenticatorProvider authProvider,
    Duration connectTimeout,
    String keyspace,
    List<String> eventTypes,
    Consumer<Event> eventListener,
    int maxFrameLength,
    int maxOrphans,
    int maxWaitingRequests,
    Duration keepaliveInterval,
    Duration keepaliveTimeout,
    String driverName,
    String driverVersion,
    NodeCounters counters,
    ProtocolVersion protocolVersion) {

  /** The default {@code DRIVER_NAME}. */
  public static final String DRIVER_NAME = "cql4j";

  /** Checks the required components and the limits. */
  public ConnectionConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(driverName, "driverName");
    Objects.requireNonNull(driverVersion, "driverVersion");
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    Objects.requireNonNull(keepaliveTimeout, "keepaliveTimeout");
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    if (keepaliveInterval.isNegative()
        || keepaliveTimeout.isNegative()
        || keepaliveTimeout.isZero()) {
      throw new IllegalArgumentException(
          "keepaliveInterval must be >= 0 and keepaliveTimeout > 0, were "
              + keepaliveInterval
              + " and "
              + keepaliveTimeout);
    }
    eventTypes = List.copyOf(eventTypes);
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
    }
    if (maxFrameLength <= 0 || maxFrameLength > FrameHeader.DEFAULT_MAX_BODY_LENGTH) {
      throw new IllegalArgumentException(
          "maxFrameLength must be in [1, 256 MiB], was " + maxFrameLength);
    }
    if (maxOrphans < 0 || maxWaitingRequests < 0) {
      throw new IllegalArgumentException("maxOrphans and maxWaitingRequests must be >= 0");
    }
    if (!eventTypes.isEmpty() && eventListener == null) {
      throw new IllegalArgumentException("eventTypes " + eventTypes + " need an eventListener");
    }
  }

  /**
   * A builder for a connection to {@code address}.
   *
   * @param address the node's CQL endpoint
   * @return a builder with the defaults listed on each method
   */
  public static Builder builder(InetSocketAddress address) {
    return new Builder(address);
  }

  /**
   * The {@code DRIVER_VERSION} of this build: the project's version, which the build writes into
   * {@code driver.properties} beside this class; "dev" if that resource is missing.
   */
  public static String defaultDriverVersion() {
    return DriverVersion.VALUE;
  }

  private static final class DriverVersion {
    static final String VALUE = read();

    private static String read() {
      try (InputStream in = ConnectionConfig.class.getResourceAsStream("driver.properties")) {
        if (in == null) {
          return "dev";
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "dev");
      } catch (IOException e) {
        return "dev";
      }
    }
  }

  /** Builds a {@link ConnectionConfig}; not thread-safe. */
  public static final class Builder {
    private final InetSocketAddress address;
    private InetSocketAddress localAddress;
    private SSLContext sslContext;
    private boolean hostnameVerification;
    private Compressor compressor;
    private AuthenticatorProvider authProvider;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private String keyspace;
    private List<String> eventTypes = List.of();
    private Consumer<Event> eventListener;
    private int maxFrameLength = FrameHeader.DEFAULT_MAX_BODY_LENGTH;
    private int maxOrphans = 1024;
    private int maxWaitingRequests = StreamIds.MAX;
    private Duration keepaliveInterval = Duration.ZERO;
    private Duration keepaliveTimeout = Duration.ofSeconds(30);
    private String driverName = DRIVER_NAME;
    private String driverVersion = defaultDriverVersion();
    private NodeCounters counters = NodeCounters.NONE;
    private ProtocolVersion protocolVersion = ProtocolVersion.V4;

    private Builder(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
    }

    /**
     * A heartbeat after {@code interval} without a read, answered within {@code timeout} or the
     * connection closes; default: no heartbeat.
     */
    public Builder keepalive(Duration interval, Duration timeout) {
      this.keepaliveInterval = interval;
      this.keepaliveTimeout = timeout;
      return this;
    }

    /** The local address to bind; default {@code null} (any). */
    public Builder localAddress(InetSocketAddress localAddress) {
      this.localAddress = localAddress;
      return this;
    }

    /**
     * TLS; default none.
     *
     * @param sslContext the context, or {@code null} for plaintext
     * @param hostnameVerification whether the certificate must name the node (HTTPS rules)
     * @return this builder
     */
    public Builder tls(SSLContext sslContext, boolean hostnameVerification) {
      this.sslContext = sslContext;
      this.hostnameVerification = hostnameVerification;
      return this;
    }

    /** The compression to ask for; default {@code null} (none). */
    public Builder compressor(Compressor compressor) {
      this.compressor = compressor;
      return this;
    }

    /** The login; default {@code null} (none). */
    public Builder authProvider(AuthenticatorProvider authProvider) {
      this.authProvider = authProvider;
      return this;
    }

    /** The time allowed for connect, TLS and handshake; default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** The keyspace to USE after READY, as a CQL identifier; default {@code null} (none). */
    public Builder keyspace(String keyspace) {
      this.keyspace = keyspace;
      return this;
    }

    /**
     * Registers for events after READY; default none.
     *
     * @param eventTypes e.g. {@code TOPOLOGY_CHANGE}, {@code STATUS_CHANGE}, {@code SCHEMA_CHANGE}
     * @param listener receives each EVENT on the event loop; must not block
     * @return this builder
     */
    public Builder events(List<String> eventTypes, Consumer<Event> listener) {
      this.eventTypes = List.copyOf(eventTypes);
      this.eventListener = listener;
      return this;
    }

    /** The largest frame body; default 256 MiB (the spec's limit). */
    public Builder maxFrameLength(int maxFrameLength) {
      this.maxFrameLength = maxFrameLength;
      return this;
    }

    /** Orphaned stream ids tolerated before the connection closes; default 1024. */
    public Builder maxOrphans(int maxOrphans) {
      this.maxOrphans = maxOrphans;
      return this;
    }

    /** Requests that may wait for a free stream id; default 32768. */
    public Builder maxWaitingRequests(int maxWaitingRequests) {
      this.maxWaitingRequests = maxWaitingRequests;
      return this;
    }

    /** {@code DRIVER_NAME} and {@code DRIVER_VERSION}; default "cql4j" and the jar's version. */
    public Builder driver(String name, String version) {
      this.driverName = name;
      this.driverVersion = version;
      return this;
    }

    /** The node's metrics this connection counts into; default: none. */
    public Builder counters(NodeCounters counters) {
      this.counters = counters;
      return this;
    }

    /** The protocol version to speak; default v4. */
    public Builder protocolVersion(ProtocolVersion protocolVersion) {
      this.protocolVersion = protocolVersion;
      return this;
    }

    /** Builds the configuration. */
    public ConnectionConfig build() {
      return new ConnectionConfig(
          address,
          localAddress,
          sslContext,
          hostnameVerification,
          compressor,
          authProvider,
          connectTimeout,
          keyspace,
          eventTypes,
          eventListener,
          maxFrameLength,
          maxOrphans,
          maxWaitingRequests,
          keepaliveInterval,
          keepaliveTimeout,
          driverName,
          driverVersion,
          counters,
          protocolVersion);
    }
  }
}
