package org.cql4j.examples;

import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;

/** Lightweight transactions: claim a user name once, then change a field only if it is as read. */
public final class LwtExample {
  private LwtExample() {}

  /**
   * What the transactions answered.
   *
   * @param firstClaimApplied whether the first {@code INSERT ... IF NOT EXISTS} applied
   * @param secondClaimApplied whether the second one applied
   * @param owner the owner of the existing row the second claim was refused for
   * @param updateApplied whether the conditional update applied
   * @param staleUpdateApplied whether the update with an outdated condition applied
   * @param currentEmail the email the stale update found instead
   */
  public record Outcome(
      boolean firstClaimApplied,
      boolean secondClaimApplied,
      String owner,
      boolean updateApplied,
      boolean staleUpdateApplied,
      String currentEmail) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Claims a name twice and updates it conditionally twice.
   *
   * @param session the session
   * @return what each transaction answered
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.usernames (name text PRIMARY KEY, owner text, email"
            + " text)");
    session.queryUnpaged("DELETE FROM examples.usernames WHERE name = 'ada'");

    // tag::insert[]
    PreparedStatement claim =
        session.prepare(
            "INSERT INTO examples.usernames (name, owner, email) VALUES (?, ?, ?) IF NOT EXISTS");
    claim.setConsistency(Consistency.QUORUM); // the commit; default LOCAL_QUORUM
    claim.setSerialConsistency(SerialConsistency.SERIAL); // the Paxos round; default LOCAL_SERIAL

    CqlRow first =
        session
            .executeUnpaged(claim, Values.of("ada", "user-1", "ada@example.com"))
            .intoRowsResult()
            .singleRow(CqlRow.class);
    boolean applied = first.getBoolean("[applied]"); // true: the name was free

    CqlRow second =
        session
            .executeUnpaged(claim, Values.of("ada", "user-2", "ada2@example.com"))
            .intoRowsResult()
            .singleRow(CqlRow.class);
    boolean appliedAgain = second.getBoolean("[applied]"); // false: taken, and the row says by whom
    String owner = second.getString("owner"); // "user-1"
    // end::insert[]
    System.out.println("First claim applied: " + applied + ", second: " + appliedAgain);

    // tag::update[]
    PreparedStatement changeEmail =
        session.prepare("UPDATE examples.usernames SET email = ? WHERE name = ? IF email = ?");
    boolean updated =
        session
            .executeUnpaged(changeEmail, Values.of("ada@new.example", "ada", "ada@example.com"))
            .intoRowsResult()
            .singleRow(CqlRow.class)
            .getBoolean("[applied]");

    CqlRow stale =
        session
            .executeUnpaged(changeEmail, Values.of("ada@other.example", "ada", "ada@example.com"))
            .intoRowsResult()
            .singleRow(CqlRow.class);
    boolean staleApplied = stale.getBoolean("[applied]"); // false: the email is no longer that
    String current = stale.getString("email"); // the value that failed the condition
    // end::update[]
    System.out.println("Update applied: " + updated + ", stale update: " + staleApplied);
    return new Outcome(applied, appliedAgain, owner, updated, staleApplied, current);
  }
}
