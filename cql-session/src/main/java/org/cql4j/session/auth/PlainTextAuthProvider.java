package org.cql4j.session.auth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Logs in with a user name and a password (SASL PLAIN), as Cassandra's and ScyllaDB's {@code
 * PasswordAuthenticator} expect; immutable and thread-safe.
 *
 * <p>The initial token is {@code \0user\0password} in UTF-8; challenges are answered with the same
 * token. The password is kept in memory for the lifetime of the provider, since every new
 * connection needs it.
 */
public final class PlainTextAuthProvider implements AuthenticatorProvider {
  private final String username;
  private final String password;

  /**
   * Creates a provider for one login.
   *
   * @param username the user name
   * @param password the password
   */
  public PlainTextAuthProvider(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
  }

  /** The user name this provider logs in with (for messages; the password is never exposed). */
  public String username() {
    return username;
  }

  @Override
  public Authenticator newAuthenticator(InetSocketAddress node, String serverAuthenticator) {
    return new PlainTextAuthenticator(token());
  }

  private byte[] token() {
    byte[] user = username.getBytes(StandardCharsets.UTF_8);
    byte[] pass = password.getBytes(StandardCharsets.UTF_8);
    byte[] token = new byte[user.length + pass.length + 2];
    // SASL PLAIN (RFC 4616): authzid NUL authcid NUL passwd, with an empty authzid
    System.arraycopy(user, 0, token, 1, user.length);
    System.arraycopy(pass, 0, token, user.length + 2, pass.length);
    return token;
  }

  @Override
  public String toString() {
    return "PlainTextAuthProvider[username=" + username + "]";
  }

  /** The per-connection exchange; confined to one connection. */
  private static final class PlainTextAuthenticator implements Authenticator {
    private final byte[] token;

    PlainTextAuthenticator(byte[] token) {
      this.token = token;
    }

    @Override
    public CompletionStage<byte[]> initialResponse() {
      return CompletableFuture.completedFuture(token.clone());
    }

    @Override
    public CompletionStage<byte[]> evaluateChallenge(byte[] challenge) {
      return CompletableFuture.completedFuture(token.clone());
    }

    @Override
    public CompletionStage<Void> onSuccess(byte[] serverToken) {
      return CompletableFuture.completedFuture(null);
    }
  }
}
