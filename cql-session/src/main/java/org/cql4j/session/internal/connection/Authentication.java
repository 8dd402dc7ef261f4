package org.cql4j.session.internal.connection;

import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.message.AuthChallenge;
import org.cql4j.protocol.message.AuthResponse;
import org.cql4j.protocol.message.AuthSuccess;
import org.cql4j.protocol.message.Authenticate;
import org.cql4j.protocol.message.Response;
import org.cql4j.session.auth.Authenticator;
import org.cql4j.session.auth.AuthenticatorProvider;
import org.cql4j.session.auth.PlainTextAuthProvider;
import org.cql4j.session.errors.AuthenticationException;

/**
 * The SASL exchange of one handshake, run one step at a time and so confined like {@link Handshake}
 * (native_protocol_v4.spec §4.1.2, §4.2.3, §4.2.7, §4.2.8): AUTH_RESPONSE with the initial token,
 * then one AUTH_RESPONSE per AUTH_CHALLENGE until AUTH_SUCCESS.
 */
final class Authentication {
  private final Handshake handshake;
  private final String node;
  private final ConnectionConfig config;
  private volatile String serverAuthenticator = "?";

  Authentication(Handshake handshake, String node, ConnectionConfig config) {
    this.handshake = handshake;
    this.node = node;
    this.config = config;
  }

  /** Logs in after the server's AUTHENTICATE. */
  CompletableFuture<Void> run(Authenticate authenticate) {
    serverAuthenticator = authenticate.authenticator();
    AuthenticatorProvider provider = config.authProvider();
    if (provider == null) {
      return CompletableFuture.failedFuture(
          new AuthenticationException(
              node
                  + " requires authentication ("
                  + serverAuthenticator
                  + ") but no credentials were configured: set SessionBuilder.user(name, password)"
                  + " or an AuthenticatorProvider"));
    }
    Authenticator authenticator;
    try {
      authenticator = provider.newAuthenticator(config.address(), serverAuthenticator);
    } catch (AuthenticationException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new AuthenticationException(
              provider + " could not authenticate with " + serverAuthenticator + " on " + node, e));
    }
    return authenticator
        .initialResponse()
        .toCompletableFuture()
        .thenCompose(token -> exchange(authenticator, token));
  }

  private CompletableFuture<Void> exchange(Authenticator authenticator, byte[] token) {
    return handshake
        .request(new AuthResponse(token))
        .thenCompose(response -> next(authenticator, response));
  }

  private CompletableFuture<Void> next(Authenticator authenticator, Response response) {
    if (response instanceof AuthChallenge challenge) {
      return authenticator
          .evaluateChallenge(challenge.token())
          .toCompletableFuture()
          .thenCompose(token -> exchange(authenticator, token));
    }
    AuthSuccess success = handshake.expect(response, AuthSuccess.class);
    return authenticator.onSuccess(success.token()).toCompletableFuture();
  }

  /** The exception for an ERROR AuthenticationError: the credentials were rejected. */
  AuthenticationException rejected(DbException error) {
    String who =
        config.authProvider() instanceof PlainTextAuthProvider plain
            ? " user '" + plain.username() + "'"
            : " the credentials of " + config.authProvider();
    return new AuthenticationException(
        node + " (" + serverAuthenticator + ") rejected" + who + ": " + error.serverMessage(),
        error);
  }
}
