/**
 * Authentication SPI: {@link org.cql4j.session.auth.AuthenticatorProvider} creates one {@link
 * org.cql4j.session.auth.Authenticator} per connection that the server asks to authenticate; {@link
 * org.cql4j.session.auth.PlainTextAuthProvider} logs in to {@code PasswordAuthenticator}.
 */
package org.cql4j.session.auth;
