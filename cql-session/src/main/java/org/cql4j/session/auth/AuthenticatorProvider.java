package org.cql4j.session.auth;

import java.net.InetSocketAddress;

/**
 * Creates an {@link Authenticator} for each connection the server asks to authenticate;
 * implementations must be thread-safe, as connections to different nodes call it concurrently. The
 * counterpart of the Rust driver's {@code AuthenticatorProvider}.
 *
 * <p>{@link PlainTextAuthProvider} covers Cassandra's and ScyllaDB's {@code PasswordAuthenticator};
 * implement this interface for any other SASL mechanism.
 */
public interface AuthenticatorProvider {

  /**
   * Starts a SASL exchange for a new connection.
   *
   * @param node the address of the node that asked for authentication
   * @param serverAuthenticator the authenticator class the server named in AUTHENTICATE, e.g.
   *     {@code org.apache.cassandra.auth.PasswordAuthenticator}
   * @return a new authenticator, used by that connection only
   * @throws org.cql4j.session.errors.AuthenticationException if this provider cannot authenticate
   *     with that server authenticator; the connection fails with it
   */
  Authenticator newAuthenticator(InetSocketAddress node, String serverAuthenticator);
}
