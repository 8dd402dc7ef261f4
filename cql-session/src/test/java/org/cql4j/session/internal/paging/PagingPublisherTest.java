package org.cql4j.session.internal.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.internal.paging.PagingIteratorTest.range;

import com.example.mapped.Person;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.QueryPager;
import org.junit.jupiter.api.Test;

class PagingPublisherTest {

  static QueryPager pager(FakePages pages) {
    return new DefaultQueryPager(pages, Runnable::run);
  }

  static TestSubscriber<Person> subscribe(QueryPager pager) {
    TestSubscriber<Person> s = new TestSubscriber<>();
    pager.publisher(Person.class).subscribe(s);
    return s;
  }

  static List<Integer> ids(TestSubscriber<Person> s) {
    return s.items().stream().map(Person::id).toList();
  }

  @Test
  void fetchesNothingBeforeTheFirstRequest() {
    FakePages pages = new FakePages(10, 3);
    TestSubscriber<Person> s = subscribe(pager(pages));
    assertThat(s.subscription).isNotNull();
    assertThat(pages.fetched()).isEmpty();
  }

  @Test
  void emitsOnlyWhatIsDemanded() {
    FakePages pages = new FakePages(10, 3);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(2);
    assertThat(ids(s)).containsExactly(0, 1);
    assertThat(pages.fetched()).containsExactly(0, 3); // one page ahead, no more
    s.subscription.request(3);
    assertThat(ids(s)).containsExactly(0, 1, 2, 3, 4);
    assertThat(pages.fetched()).containsExactly(0, 3, 6);
    assertThat(s.completions).isZero();
    s.subscription.request(Long.MAX_VALUE);
    assertThat(ids(s)).isEqualTo(range(10));
    assertThat(s.completions).isEqualTo(1);
    assertThat(s.error).isNull();
  }

  @Test
  void completesAfterTheLastRowEvenWithoutFurtherDemand() {
    FakePages pages = new FakePages(3, 3);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(3);
    assertThat(ids(s)).containsExactly(0, 1, 2);
    assertThat(s.completions).isEqualTo(1);
  }

  @Test
  void emptyResultCompletesWithoutRows() {
    FakePages pages = new FakePages(0, 3);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(1);
    assertThat(s.items()).isEmpty();
    assertThat(s.completions).isEqualTo(1);
    assertThat(pages.fetched()).containsExactly(0);
  }

  @Test
  void pageSizeOneDeliversEveryRow() {
    FakePages pages = new FakePages(5, 1);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(Long.MAX_VALUE);
    assertThat(ids(s)).isEqualTo(range(5));
    assertThat(s.completions).isEqualTo(1);
    assertThat(pages.fetched()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void skipsEmptyPagesThatHaveMorePages() {
    FakePages pages = new FakePages(6, 3);
    pages.emptyPagesAt.add(3);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(100);
    assertThat(ids(s)).isEqualTo(range(6));
    assertThat(s.completions).isEqualTo(1);
  }

  @Test
  void cancellationStopsRowsAndCancelsThePrefetch() {
    FakePages pages = new FakePages(10, 3);
    pages.manual = true;
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(2);
    pages.complete(0);
    assertThat(ids(s)).containsExactly(0, 1);
    assertThat(pages.fetched()).containsExactly(0, 3);
    s.subscription.cancel();
    assertThat(pages.future(3).isCancelled()).isTrue();
    s.subscription.request(10);
    assertThat(ids(s)).containsExactly(0, 1);
    assertThat(s.completions).isZero();
    assertThat(s.error).isNull();
    assertThat(pages.fetched()).containsExactly(0, 3);
  }

  @Test
  void cancellingInsideOnNextStopsAtOnce() {
    FakePages pages = new FakePages(10, 3);
    TestSubscriber<Person> s =
        new TestSubscriber<>() {
          @Override
          void onItem(Person p) {
            if (p.id() == 4) {
              subscription.cancel();
            }
          }
        };
    pager(pages).publisher(Person.class).subscribe(s);
    s.subscription.request(Long.MAX_VALUE);
    assertThat(ids(s)).containsExactly(0, 1, 2, 3, 4);
    assertThat(s.completions).isZero();
  }

  @Test
  void errorMidStreamEndsWithOnErrorAfterEarlierRows() {
    FakePages pages = new FakePages(10, 3);
    DbException e = new DbException(new DbError.ServerError(), "boom");
    pages.failures.put(3, e);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(Long.MAX_VALUE);
    assertThat(ids(s)).containsExactly(0, 1, 2);
    assertThat(s.error).isSameAs(e);
    assertThat(s.completions).isZero();
    assertThat(s.signalsAfterTerminal).isZero();
  }

  @Test
  void typeMismatchEndsWithOnError() {
    FakePages pages = new FakePages(3, 3);
    TestSubscriber<Integer> s = new TestSubscriber<>();
    pager(pages).publisher(Integer.class).subscribe(s);
    s.subscription.request(1);
    assertThat(s.error).isInstanceOf(TypeCheckException.class);
  }

  @Test
  void nonPositiveRequestIsAnError() {
    FakePages pages = new FakePages(3, 3);
    TestSubscriber<Person> s = subscribe(pager(pages));
    s.subscription.request(0);
    assertThat(s.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
  }

  @Test
  void requestingOneByOneFromOnNextDoesNotRecurseDeeply() {
    FakePages pages = new FakePages(20_000, 5_000);
    TestSubscriber<Person> s =
        new TestSubscriber<>() {
          @Override
          void onItem(Person p) {
            subscription.request(1);
          }
        };
    pager(pages).publisher(Person.class).subscribe(s);
    s.subscription.request(1);
    assertThat(s.items()).hasSize(20_000);
    assertThat(s.completions).isEqualTo(1);
  }

  @Test
  void pagesArrivingOnOtherThreadsAreDeliveredInOrderWithoutOverlap() throws Exception {
    FakePages pages = new FakePages(50, 7);
    pages.manual = true;
    ExecutorService delivery = Executors.newFixedThreadPool(4);
    try {
      QueryPager pager = new DefaultQueryPager(pages, delivery);
      TestSubscriber<Person> s = new TestSubscriber<>();
      pager.publisher(Person.class).subscribe(s);
      Thread server =
          new Thread(
              () -> {
                for (int offset = 0; offset < 50; offset += 7) {
                  while (pages.future(offset) == null) {
                    Thread.onSpinWait();
                  }
                  pages.complete(offset);
                }
              });
      server.start();
      for (int i = 0; i < 50; i++) {
        s.subscription.request(1);
      }
      assertThat(s.await()).isTrue();
      server.join();
      assertThat(ids(s)).isEqualTo(range(50));
      assertThat(s.overlapped).isFalse();
      assertThat(s.completions).isEqualTo(1);
    } finally {
      delivery.shutdownNow();
    }
  }

  @Test
  void eachSubscriberRerunsTheQuery() {
    FakePages pages = new FakePages(4, 2);
    QueryPager pager = pager(pages);
    TestSubscriber<Person> a = subscribe(pager);
    TestSubscriber<Person> b = subscribe(pager);
    a.subscription.request(10);
    b.subscription.request(10);
    assertThat(ids(a)).isEqualTo(range(4));
    assertThat(ids(b)).isEqualTo(range(4));
    assertThat(pages.fetched()).containsExactly(0, 2, 0, 2);
  }
}
