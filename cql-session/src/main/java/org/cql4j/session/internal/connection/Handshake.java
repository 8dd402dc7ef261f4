package org.cql4j.session.internal.connection;

import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Authenticate;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.Ready;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.scylla.ScyllaExtensions;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.errors.UnsupportedProtocolVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CQL handshake of one connection, one step at a time, so it needs no synchronization: OPTIONS
 * → SUPPORTED → STARTUP → (AUTHENTICATE → AUTH_RESPONSE ⇄ AUTH_CHALLENGE → AUTH_SUCCESS) → READY,
 * then {@code USE} and REGISTER when configured (native_protocol_v4.spec §4.1.1-4.1.3,
 * §4.2.2-4.2.8). On v5, OPTIONS, STARTUP and their answers travel bare and everything after the
 * answer to STARTUP in segments (native_protocol_v5.spec §2.3.1; {@link FrameDecoderHandler}
 * switches). Each step runs when the previous one completed, on the event loop or on the thread
 * that completed an authenticator's stage; there is never more than one step in flight, so the
 * state needs no synchronization.
 *
 * <p>Every failure is turned into a {@link ConnectionException} that names the node and the step,
 * or an {@link AuthenticationException} for missing or rejected credentials.
 */
final class Handshake {
  private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
  private static final String DEFAULT_CQL_VERSION = "3.0.0";

  private final Connection connection;
  private final ConnectionConfig config;
  private final long deadlineNanos;
  private final Authentication authentication;
  private final SSLSession tls; // the completed TLS session, or null on plaintext
  private volatile String step = "OPTIONS";

  Handshake(Connection connection, long deadlineNanos) {
    this(connection, deadlineNanos, null);
  }

  /**
   * A handshake on a connection whose TLS handshake completed.
   *
   * @param tls the TLS session, for the diagnosis of a server that closes the connection right
   *     after the TLS handshake; null on plaintext
   */
  Handshake(Connection connection, long deadlineNanos, SSLSession tls) {
    this.tls = tls;
    this.connection = connection;
    this.config = connection.config();
    this.deadlineNanos = deadlineNanos;
    this.authentication = new Authentication(this, connection.node(), config);
  }

  /** Runs the handshake; the future fails with a {@link ConnectionException}. */
  CompletableFuture<Connection> run() {
    return request(new Options())
        .thenCompose(this::startup)
        .thenCompose(this::afterStartup)
        .thenCompose(ignored -> useKeyspace())
        .thenCompose(ignored -> register())
        .handle(
            (ignored, error) -> {
              if (error != null) {
                throw new CompletionException(translate(unwrap(error)));
              }
              return connection;
            });
  }

  private CompletableFuture<Response> startup(Response response) {
    Supported supported = expect(response, Supported.class);
    ScyllaExtensions extensions = ScyllaExtensions.from(supported);
    Compressor compressor = chooseCompression(supported);
    Map<String, String> options = new LinkedHashMap<>();
    List<String> cqlVersions = supported.options().get(Startup.CQL_VERSION);
    options.put(
        Startup.CQL_VERSION,
        cqlVersions == null || cqlVersions.isEmpty() ? DEFAULT_CQL_VERSION : cqlVersions.get(0));
    if (compressor != null) {
      options.put(Startup.COMPRESSION, compressor.algorithm());
    }
    options.put("DRIVER_NAME", config.driverName());
    options.put("DRIVER_VERSION", config.driverVersion());
    options.putAll(extensions.startupOptions());
    // native_protocol_v4.spec §5: the answer to STARTUP may already be compressed
    connection.negotiated(new Connection.Negotiated(supported, extensions, compressor, null));
    step = "STARTUP";
    return request(new Startup(options));
  }

  private Compressor chooseCompression(Supported supported) {
    Compressor wanted = config.compressor();
    if (wanted == null) {
      return null;
    }
    List<String> offered = supported.options().getOrDefault(Startup.COMPRESSION, List.of());
    if (offered.contains(wanted.algorithm())) {
      return wanted;
    }
    LOG.warn(
        "{} does not offer {} compression (it offers {}); the connection runs uncompressed",
        connection.node(),
        wanted.algorithm(),
        offered);
    return null;
  }

  private CompletableFuture<Void> afterStartup(Response response) {
    if (response instanceof Ready) {
      return CompletableFuture.completedFuture(null);
    }
    Authenticate authenticate = expect(response, Authenticate.class);
    step = "authentication";
    return authentication.run(authenticate);
  }

  private CompletableFuture<Void> useKeyspace() {
    if (config.keyspace() == null) {
      return CompletableFuture.completedFuture(null);
    }
    step = "USE " + config.keyspace();
    Query use =
        new Query(
            "USE " + config.keyspace(), QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    return request(use).thenAccept(r -> expect(r, SetKeyspaceResult.class));
  }

  private CompletableFuture<Void> register() {
    if (config.eventTypes().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    step = "REGISTER " + config.eventTypes();
    return request(new Register(config.eventTypes())).thenAccept(r -> expect(r, Ready.class));
  }

  /** Sends one handshake request with the time left before the connect deadline. */
  CompletableFuture<Response> request(Request request) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return CompletableFuture.failedFuture(timedOut(null));
    }
    return connection
        .sendUnchecked(request, false, Map.of(), Duration.ofNanos(left))
        .thenApply(ResponseEnvelope::message);
  }

  /** Checks the type of a response; an unexpected one is released and fails the handshake. */
  <T extends Response> T expect(Response response, Class<T> type) {
    if (type.isInstance(response)) {
      return type.cast(response);
    }
    ReferenceCountUtil.release(response);
    throw new ConnectionException(
        connection.node()
            + " answered "
            + step
            + " with "
            + response.opcode()
            + " instead of "
            + type.getSimpleName());
  }

  private ConnectionException timedOut(Throwable cause) {
    return new ConnectionException(
        "handshake with "
            + connection.node()
            + " did not complete within the connect timeout of "
            + config.connectTimeout().toMillis()
            + " ms (no answer to "
            + step
            + ")",
        cause);
  }

  private ConnectionException translate(Throwable error) {
    if (error instanceof RequestTimeoutException) {
      return timedOut(error);
    }
    if (error instanceof ConnectionException ce) {
      return closedDuringHandshake(ce);
    }
    if (error instanceof DbException db) {
      if (db.error() instanceof DbError.AuthenticationError) {
        return authentication.rejected(db);
      }
      if (db.error() instanceof DbError.ProtocolError) {
        ProtocolVersion version = connection.protocolVersion();
        String message =
            connection.node()
                + " rejected native protocol v"
                + version.code()
                + " at "
                + step
                + ": "
                + db.serverMessage();
        // the first exchange is where a server refuses the version (v5 on ScyllaDB or Cassandra 3)
        return "OPTIONS".equals(step)
            ? new UnsupportedProtocolVersionException(message, version, db)
            : new ConnectionException(message, db);
      }
      return new ConnectionException(
          connection.node() + " answered " + step + " with an error: " + db.getMessage(), db);
    }
    return new ConnectionException(
        "handshake with " + connection.node() + " failed at " + step + ": " + error, error);
  }

  /**
   * A connection closed under the handshake (reset, or closed by the server) gets the step in its
   * message, and a TLS hint when it is plaintext: a TLS-only port resets or closes plaintext
   * clients without a word.
   */
  private ConnectionException closedDuringHandshake(ConnectionException ce) {
    boolean closedByServer = ce.getMessage().endsWith("was closed by the server");
    if (ce instanceof AuthenticationException
        || !(closedByServer || ce.getCause() instanceof IOException)) {
      return ce;
    }
    return new ConnectionException(
        "connection to "
            + connection.node()
            + (closedByServer ? " was closed by the server" : " failed (" + ce.getCause() + ")")
            + " during the handshake (at "
            + step
            + ")"
            + (config.sslContext() == null
                ? "; if the server requires TLS, configure an SSLContext"
                : clientCertificateHint(closedByServer)),
        ce);
  }

  /**
   * A server that requires client certificates closes the connection, without a TLS alert, when the
   * client's certificate is missing or not trusted: under TLS 1.3 the client's side of the TLS
   * handshake has completed by then, so no {@code SSLException} tells why, and the first request
   * (OPTIONS) sees the connection closed. The message says which certificate the client presented.
   */
  private String clientCertificateHint(boolean closedByServer) {
    if (tls == null || !closedByServer || !"OPTIONS".equals(step)) {
      return "";
    }
    Certificate[] presented = tls.getLocalCertificates();
    String hint =
        ", right after the " + tls.getProtocol() + " handshake, in which the client presented ";
    if (presented == null
        || presented.length == 0
        || !(presented[0] instanceof X509Certificate certificate)) {
      return hint
          + "no certificate (the SSLContext's key managers hold none, or none issued by an"
          + " authority the server accepts); if the server requires client certificates"
          + " (require_client_auth), initialize the SSLContext with key managers holding a"
          + " certificate it trusts";
    }
    return hint
        + "the certificate "
        + certificate.getSubjectX500Principal().getName()
        + "; if the server requires client certificates (require_client_auth), check that it"
        + " trusts this one";
  }

  static Throwable unwrap(Throwable error) {
    while (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
