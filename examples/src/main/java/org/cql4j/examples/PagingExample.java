package org.cql4j.examples;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;

/**
 * Reads a partition of 25 rows in pages of 10: one page at a time, with an iterator, reactively.
 */
public final class PagingExample {
  private PagingExample() {}

  /** A row of {@code examples.items}. */
  @Row
  public record Item(int id, String name) {}

  /**
   * What the example read.
   *
   * @param pageSizes the number of rows of each page fetched one at a time
   * @param resumed the first row of the page resumed from a stored paging state
   * @param iterated the rows read with an iterator
   * @param streamed the rows read through the publisher
   */
  public record Outcome(
      List<Integer> pageSizes, Item resumed, List<Item> iterated, List<Item> streamed) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Writes 25 rows and reads them back in every way.
   *
   * @param session the session
   * @return what was read
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.items"
            + " (bucket int, id int, name text, PRIMARY KEY (bucket, id))");
    PreparedStatement insert =
        session.prepare("INSERT INTO examples.items (bucket, id, name) VALUES (?, ?, ?)");
    for (int id = 1; id <= 25; id++) {
      session.executeUnpaged(insert, Values.of(1, id, "item " + id));
    }

    // tag::page-size[]
    PreparedStatement select =
        session.prepare("SELECT id, name FROM examples.items WHERE bucket = ?");
    select.setPageSize(10); // default 5,000 rows
    // end::page-size[]

    // tag::single-page[]
    List<Integer> pageSizes = new ArrayList<>();
    PagingState state = PagingState.start();
    while (true) {
      QueryPage page = session.executeSinglePage(select, Values.of(1), state);
      QueryRowsResult rows = page.result().intoRowsResult();
      pageSizes.add(rows.rowsNumber());
      if (!page.pagingState().hasMorePages()) {
        break;
      }
      state = page.pagingState().next();
    }
    // end::single-page[]
    System.out.println("Pages fetched one at a time: " + pageSizes);

    // tag::resume[]
    QueryPage first = session.executeSinglePage(select, Values.of(1), PagingState.start());
    byte[] raw = first.pagingState().next().rawBytes().orElseThrow();
    String cursor = Base64.getUrlEncoder().encodeToString(raw); // e.g. in a "next page" link

    // later, in another request (or another process) with the same statement and values:
    PagingState resume = PagingState.fromBytes(Base64.getUrlDecoder().decode(cursor));
    QueryPage second = session.executeSinglePage(select, Values.of(1), resume);
    Item eleventh = second.result().intoRowsResult().firstRow(Item.class);
    // end::resume[]
    System.out.println("The second page starts with " + eleventh);

    // tag::iter[]
    List<Item> iterated = new ArrayList<>();
    for (Item item : session.executeIter(select, Values.of(1)).rows(Item.class)) {
      iterated.add(item); // the next page is fetched in the background meanwhile
    }
    // end::iter[]
    System.out.println("Iterated over " + iterated.size() + " rows");

    // tag::publisher[]
    Flow.Publisher<Item> publisher =
        session.executeIter(select, Values.of(1)).publisher(Item.class);
    CompletableFuture<List<Item>> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<Item>() {
          private final List<Item> received = new ArrayList<>();
          private Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1); // nothing is fetched before the first request
          }

          @Override
          public void onNext(Item item) {
            received.add(item);
            subscription.request(1);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }

          @Override
          public void onComplete() {
            done.complete(received);
          }
        });
    List<Item> streamed = done.join();
    // end::publisher[]
    System.out.println("Streamed " + streamed.size() + " rows");
    return new Outcome(pageSizes, eleventh, iterated, streamed);
  }
}
