package org.cql4j.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.SessionClosedException;
import org.cql4j.session.statement.Statement;

/** Provokes the common errors and shows how to tell them apart. */
public final class ErrorsExample {
  private ErrorsExample() {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> run(contactPoints).forEach((k, v) -> System.out.println(k + ": " + v)));
  }

  /**
   * Provokes a syntax error, an unknown table, an existing table, too few replicas and a call on a
   * closed session.
   *
   * @param contactPoints the contact points
   * @return what each error was classified as, by what was attempted, in order
   */
  public static Map<String, String> run(List<String> contactPoints) {
    Map<String, String> seen = new LinkedHashMap<>();
    Session session = Session.builder().knownNodes(contactPoints).build();
    Examples.createKeyspace(session);
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS examples.errors (id int PRIMARY KEY)");

    seen.put("syntax", classify(session, new Statement("SELEC * FROM examples.errors")));
    seen.put("unknown table", classify(session, new Statement("SELECT * FROM examples.nothing")));
    seen.put(
        "exists",
        classify(session, new Statement("CREATE TABLE examples.errors (id int PRIMARY KEY)")));
    seen.put(
        "too few replicas",
        classify(
            session,
            new Statement("SELECT * FROM examples.errors").setConsistency(Consistency.TWO)));

    session.close();
    // tag::closed[]
    try {
      session.queryUnpaged("SELECT * FROM examples.errors");
    } catch (SessionClosedException e) {
      seen.put("closed", e.getMessage()); // the session is closed: create a new Session ...
    }
    // end::closed[]
    return seen;
  }

  /**
   * Runs a statement and describes how it failed.
   *
   * @param session the session
   * @param statement the statement
   * @return a description of the error, or "ok"
   */
  // tag::classify[]
  static String classify(Session session, Statement statement) {
    try {
      session.queryUnpaged(statement, List.of());
      return "ok";
    } catch (DbException e) { // the server answered with an error
      DbError error = e.error();
      if (error instanceof DbError.SyntaxError) {
        return "syntax error: " + e.serverMessage();
      } else if (error instanceof DbError.Invalid) {
        return "invalid: " + e.serverMessage(); // e.g. unconfigured table
      } else if (error instanceof DbError.AlreadyExists exists) {
        return "already exists: " + exists.keyspace() + "." + exists.table();
      }
      return e.getMessage(); // the server's message, the error's name and code
    } catch (NoHostAvailableException e) { // every node tried failed; what did each answer?
      StringBuilder answers = new StringBuilder("no host available:");
      for (Map.Entry<Node, Throwable> tried : e.errors().entrySet()) {
        if (tried.getValue() instanceof DbException db
            && db.error() instanceof DbError.Unavailable unavailable) {
          answers.append(" ").append(tried.getKey().address()).append(" had ");
          answers.append(unavailable.alive()).append(" of ").append(unavailable.required());
          answers.append(" replicas alive at ").append(unavailable.consistency());
        } else {
          answers.append(" ").append(tried.getKey().address()).append(": ");
          answers.append(tried.getValue().getMessage());
        }
      }
      return answers.toString();
    } catch (CqlException e) { // every other driver error: timeouts, connections, types...
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
  // end::classify[]
}
