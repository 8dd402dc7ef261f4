package org.cql4j.session.auth;

import java.util.concurrent.CompletionStage;

/**
 * One SASL exchange with one node on one connection, called one method at a time and so needing no
 * synchronization (native_protocol_v4.spec §4.1.2, §4.2.7, §4.2.8). An instance is used by a single
 * connection and its methods are called one at a time, in order; it needs no synchronization of its
 * own. The counterpart of the Rust driver's {@code AuthenticatorSession}.
 *
 * <p>The methods return stages so that an authenticator can do slow work (a Kerberos ticket, a
 * token from a vault) without blocking: the connection calls them on its event loop, so they must
 * not block; hand slow work to another executor and return its stage.
 */
public interface Authenticator {

  /**
   * The token of the first AUTH_RESPONSE, sent right after the server's AUTHENTICATE.
   *
   * @return the initial token, or a stage holding {@code null} to send a null token
   */
  CompletionStage<byte[]> initialResponse();

  /**
   * Answers a server challenge (AUTH_CHALLENGE).
   *
   * @param challenge the server's token, or {@code null}
   * @return the token of the next AUTH_RESPONSE, or a stage holding {@code null}
   */
  CompletionStage<byte[]> evaluateChallenge(byte[] challenge);

  /**
   * Called once the server accepted the exchange (AUTH_SUCCESS).
   *
   * @param token the server's final token, or {@code null}
   * @return a stage completed once the token is processed; a failed stage fails the connection with
   *     an {@link org.cql4j.session.errors.AuthenticationException}
   */
  CompletionStage<Void> onSuccess(byte[] token);
}
