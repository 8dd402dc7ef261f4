package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging edge cases against a real node: no rows, exactly one page, page size 1, resuming. */
@CassandraTest
class PagingIT {
  private static final int ROWS = 10;
  private static Session session;
  private static PreparedStatement partition;

  @BeforeAll
  static void connect(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS paging_it WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS paging_it.rows (p int, c int, PRIMARY KEY (p, c))");
    PreparedStatement insert = session.prepare("INSERT INTO paging_it.rows (p, c) VALUES (1, ?)");
    for (int c = 0; c < ROWS; c++) {
      session.executeUnpaged(insert, Values.of(c));
    }
    partition = session.prepare("SELECT c FROM paging_it.rows WHERE p = ?");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void iteratesOverNoRows() {
    assertThat(session.executeIter(partition, Values.of(2)).rows(Integer.class)).isEmpty();
    QueryPage page = session.executeSinglePage(partition, Values.of(2), PagingState.start());
    assertThat(page.result().intoRowsResult().rowsNumber()).isZero();
    assertThat(page.pagingState().hasMorePages()).isFalse();
    assertThatThrownBy(() -> page.pagingState().next()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void iteratesWithPageSizeOne() {
    Statement select = new Statement("SELECT c FROM paging_it.rows WHERE p = 1").setPageSize(1);
    assertThat(session.queryIter(select, Values.EMPTY).rows(Integer.class))
        .containsExactlyElementsOf(IntStream.range(0, ROWS).boxed().toList());
  }

  @Test
  void iteratesWhenTheRowsFillExactlyOnePage() {
    PreparedStatement select = session.prepare("SELECT c FROM paging_it.rows WHERE p = ?");
    select.setPageSize(ROWS);
    assertThat(session.executeIter(select, Values.of(1)).rows(Integer.class)).hasSize(ROWS);
  }

  @Test
  void resumesFromASavedPagingState() {
    Statement select = new Statement("SELECT c FROM paging_it.rows WHERE p = 1").setPageSize(4);
    List<Integer> seen = new ArrayList<>();
    PagingState state = PagingState.start();
    int pages = 0;
    while (true) {
      QueryPage page = session.querySinglePage(select, Values.EMPTY, state);
      page.result().intoRowsResult().rows(Integer.class).forEach(seen::add);
      pages++;
      if (!page.pagingState().hasMorePages()) {
        break;
      }
      // as a web application would: keep the bytes, restore them later
      byte[] saved = page.pagingState().next().rawBytes().orElseThrow();
      state = PagingState.fromBytes(saved);
    }
    assertThat(seen).containsExactlyElementsOf(IntStream.range(0, ROWS).boxed().toList());
    assertThat(pages).isBetween(3, 4);
  }

  @Test
  void publishesRowsOnDemand() throws Exception {
    PreparedStatement select = session.prepare("SELECT c FROM paging_it.rows WHERE p = ?");
    select.setPageSize(3);
    List<Integer> received = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    session
        .executeIter(select, Values.of(1))
        .publisher(Integer.class)
        .subscribe(
            new Flow.Subscriber<>() {
              private Flow.Subscription subscription;

              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
              }

              @Override
              public void onNext(Integer item) {
                received.add(item);
                if (received.size() == 5) {
                  subscription.cancel();
                  done.complete(null);
                } else {
                  subscription.request(1);
                }
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t);
              }

              @Override
              public void onComplete() {
                done.complete(null);
              }
            });
    done.get(30, TimeUnit.SECONDS);
    assertThat(received).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void iteratesAnUnpreparedStatementWithValues() {
    assertThat(
            session
                .queryIter(
                    new Statement("SELECT c FROM paging_it.rows WHERE p = ?").setPageSize(3),
                    Values.of(1))
                .rows(Integer.class))
        .hasSize(ROWS);
  }
}
