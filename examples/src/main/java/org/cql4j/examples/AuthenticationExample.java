package org.cql4j.examples;

import org.cql4j.session.Session;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.testkit.CassandraNode;

/** Logs in with a user name and password; a wrong password fails the build of the session. */
public final class AuthenticationExample {
  private AuthenticationExample() {}

  /**
   * Runs the example against a node started with {@code PasswordAuthenticator}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withNode(
        node -> node.passwordAuthentication(true),
        node -> {
          try (Session session =
              connect(
                  node.contactPoint(),
                  CassandraNode.DEFAULT_USERNAME,
                  CassandraNode.DEFAULT_PASSWORD)) {
            System.out.println(
                "Logged in as 'app' to Cassandra " + loginAsNewRole(node.contactPoint(), session));
          }
          System.out.println(wrongPassword(node.contactPoint()));
        });
  }

  /**
   * Opens a session that logs in.
   *
   * @param contactPoint the node
   * @param username the role
   * @param password its password
   * @return the session
   */
  public static Session connect(String contactPoint, String username, String password) {
    // tag::login[]
    Session session =
        Session.builder()
            .knownNode(contactPoint)
            .user(username, password) // PasswordAuthenticator (SASL PLAIN)
            .build();
    // end::login[]
    return session;
  }

  /**
   * Creates a login role with the superuser's session and logs in with it.
   *
   * @param contactPoint the node
   * @param superuser a session logged in as a superuser
   * @return the Cassandra version the new role read
   */
  public static String loginAsNewRole(String contactPoint, Session superuser) {
    superuser.queryUnpaged(
        "CREATE ROLE IF NOT EXISTS app WITH PASSWORD = 'app-secret' AND LOGIN = true");
    try (Session app = connect(contactPoint, "app", "app-secret")) {
      return app.queryUnpaged("SELECT release_version FROM system.local")
          .intoRowsResult()
          .singleRow(String.class);
    }
  }

  /**
   * Tries a wrong password.
   *
   * @param contactPoint the node
   * @return the message of the error
   */
  public static String wrongPassword(String contactPoint) {
    // tag::wrong-password[]
    try {
      Session.builder().knownNode(contactPoint).user("cassandra", "not the password").build();
      throw new IllegalStateException("the node accepted a wrong password");
    } catch (AuthenticationException e) {
      return e.getMessage(); // names the node and the server's answer; build() does not retry
    }
    // end::wrong-password[]
  }
}
