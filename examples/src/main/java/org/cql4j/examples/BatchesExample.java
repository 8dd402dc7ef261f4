package org.cql4j.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/** A logged batch mixing prepared and unprepared statements, and a counter batch. */
public final class BatchesExample {
  private BatchesExample() {}

  /** A row of {@code examples.accounts}. */
  @Row
  public record Account(int id, String owner, long balance) {}

  /**
   * What the batches wrote.
   *
   * @param accounts the accounts after the logged batch, by id
   * @param views the page views after the counter batch, by page
   */
  public record Outcome(List<Account> accounts, Map<String, Long> views) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Runs both batches and reads back what they wrote.
   *
   * @param session the session
   * @return the rows written
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.accounts (id int PRIMARY KEY, owner text, balance"
            + " bigint)");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.page_views (page text PRIMARY KEY, views counter)");
    session.queryUnpaged("TRUNCATE examples.accounts");
    session.queryUnpaged("TRUNCATE examples.page_views");
    session.queryUnpaged("INSERT INTO examples.accounts (id, owner, balance) VALUES (3, 'cy', 10)");
    session.queryUnpaged("INSERT INTO examples.accounts (id, owner, balance) VALUES (99, 'x', 0)");

    // tag::logged[]
    PreparedStatement insert =
        session.prepare("INSERT INTO examples.accounts (id, owner, balance) VALUES (?, ?, ?)");

    Batch batch = new Batch(BatchType.LOGGED);
    batch.appendStatement(insert);
    batch.appendStatement(insert);
    // unprepared with bind markers: the session prepares it before sending the batch
    batch.appendStatement("UPDATE examples.accounts SET balance = ? WHERE id = ?");
    batch.appendStatement(new Statement("DELETE FROM examples.accounts WHERE id = 99"));

    session.batch(
        batch,
        List.of(
            new Account(1, "ann", 100), // one row of values per statement, in order
            Values.of(2, "bob", 50L),
            Values.of(20L, 3),
            Values.EMPTY)); // a statement without bind markers
    // end::logged[]

    // tag::counter[]
    PreparedStatement view =
        session.prepare("UPDATE examples.page_views SET views = views + ? WHERE page = ?");
    Batch counters =
        new Batch(BatchType.COUNTER)
            .appendStatement(view)
            .appendStatement(view)
            .appendStatement(view);
    session.batch(
        counters, List.of(Values.of(1L, "/home"), Values.of(3L, "/docs"), Values.of(1L, "/home")));
    // end::counter[]

    List<Account> accounts = new ArrayList<>();
    session
        .queryUnpaged("SELECT id, owner, balance FROM examples.accounts")
        .intoRowsResult()
        .rows(Account.class)
        .forEach(accounts::add);
    accounts.sort(Comparator.comparingInt(Account::id));
    Map<String, Long> views = new TreeMap<>();
    for (CqlRow row :
        session
            .queryUnpaged("SELECT page, views FROM examples.page_views")
            .intoRowsResult()
            .rows(CqlRow.class)) {
      views.put(row.getString("page"), row.getLong("views"));
    }
    System.out.println("Accounts: " + accounts);
    System.out.println("Page views: " + views);
    return new Outcome(accounts, views);
  }
}
