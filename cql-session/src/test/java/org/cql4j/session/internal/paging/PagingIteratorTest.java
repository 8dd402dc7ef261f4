package org.cql4j.session.internal.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.mapped.Person;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.QueryPager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PagingIteratorTest {

  static QueryPager pager(FakePages pages) {
    return new DefaultQueryPager(pages, Runnable::run);
  }

  static List<Integer> ids(Iterable<Person> people) {
    List<Integer> ids = new ArrayList<>();
    people.forEach(p -> ids.add(p.id()));
    return ids;
  }

  static List<Integer> range(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  @Test
  void iteratesEveryRowOfEveryPageInOrder() {
    FakePages pages = new FakePages(10, 3);
    assertThat(ids(pager(pages).rows(Person.class))).isEqualTo(range(10));
    assertThat(pages.fetched()).containsExactly(0, 3, 6, 9);
  }

  @Test
  void emptyResultHasNoRowsAfterOneFetch() {
    FakePages pages = new FakePages(0, 3);
    Iterator<Person> it = pager(pages).rows(Person.class).iterator();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(pages.fetched()).containsExactly(0);
  }

  @Test
  void exactlyOnePageFetchesOnce() {
    FakePages pages = new FakePages(3, 3);
    assertThat(ids(pager(pages).rows(Person.class))).containsExactly(0, 1, 2);
    assertThat(pages.fetched()).containsExactly(0);
  }

  @Test
  void pageSizeOneFetchesOnePagePerRow() {
    FakePages pages = new FakePages(4, 1);
    assertThat(ids(pager(pages).rows(Person.class))).containsExactly(0, 1, 2, 3);
    assertThat(pages.fetched()).containsExactly(0, 1, 2, 3);
  }

  @Test
  void fetchesTheNextPageAsSoonAsTheCurrentOneArrives() {
    FakePages pages = new FakePages(10, 5);
    Iterator<Person> it = pager(pages).rows(Person.class).iterator();
    assertThat(pages.fetched()).containsExactly(0); // the first page is requested at once
    it.next();
    assertThat(pages.fetched()).containsExactly(0, 5); // prefetched before page 1 is consumed
  }

  @Test
  void skipsEmptyPagesThatHaveMorePages() {
    FakePages pages = new FakePages(6, 3);
    pages.emptyPagesAt.add(3);
    assertThat(ids(pager(pages).rows(Person.class))).isEqualTo(range(6));
    assertThat(pages.fetched()).containsExactly(0, 3, 3);
  }

  @Test
  void errorMidStreamIsThrownAfterTheRowsBeforeIt() {
    FakePages pages = new FakePages(10, 3);
    DbException overloaded = new DbException(new DbError.Overloaded(), "too busy");
    pages.failures.put(6, overloaded);
    Iterator<Person> it = pager(pages).rows(Person.class).iterator();
    List<Integer> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              while (it.hasNext()) {
                seen.add(it.next().id());
              }
            })
        .isSameAs(overloaded);
    assertThat(seen).isEqualTo(range(6));
    assertThat(it.hasNext()).isFalse(); // the failure ends the iteration
  }

  @Test
  void fetcherThatThrowsFailsTheIteration() {
    QueryPager pager =
        new DefaultQueryPager(
            state -> {
              throw new IllegalStateException("session closed");
            },
            Runnable::run);
    assertThatThrownBy(() -> pager.rows(Person.class).iterator().hasNext())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("session closed");
  }

  @Test
  void typeCheckRunsOncePerMetadataNotPerPage() {
    AtomicInteger binds = new AtomicInteger();
    DeserializeRow<Person> counting =
        columns -> {
          binds.incrementAndGet();
          return com.example.mapped.Person_CqlRowCodec.DESERIALIZER.bind(columns);
        };
    FakePages pages = new FakePages(10, 2);
    assertThat(ids(pager(pages).rows(counting))).isEqualTo(range(10));
    assertThat(binds).hasValue(1);
  }

  @Test
  void eachIterationRerunsTheQueryFromTheStart() {
    FakePages pages = new FakePages(4, 2);
    Iterable<Person> rows = pager(pages).rows(Person.class);
    assertThat(ids(rows)).isEqualTo(range(4));
    assertThat(ids(rows)).isEqualTo(range(4));
    assertThat(pages.fetched()).containsExactly(0, 2, 0, 2);
  }

  @Test
  @Timeout(30) // a page that never completes must fail the test, not hang the build
  void waitsForPagesCompletedByAnotherThread() throws Exception {
    FakePages pages = new FakePages(9, 3);
    pages.manual = true;
    Thread server =
        new Thread(
            () -> {
              for (int offset = 0; offset < 9; offset += 3) {
                while (pages.future(offset) == null) {
                  Thread.onSpinWait();
                }
                pages.complete(offset);
              }
            });
    server.start();
    assertThat(ids(pager(pages).rows(Person.class))).isEqualTo(range(9));
    server.join();
  }
}
