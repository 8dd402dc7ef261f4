package org.cql4j.session.internal.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.session.internal.result.RowsFixtures.COLUMNS;
import static org.cql4j.session.internal.result.RowsFixtures.ID;
import static org.cql4j.session.internal.result.RowsFixtures.NAME;

import com.example.mapped.Person;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryResult;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.errors.IntoRowsResultException;
import org.cql4j.session.errors.RowsCountException;
import org.junit.jupiter.api.Test;

class QueryRowsResultTest {
  static final UUID TRACE = UUID.fromString("8e14e760-7fa8-11eb-bc66-000000000001");

  static QueryRowsResult people(int count) {
    return QueryResults.from(RowsFixtures.people(0, count, null), null, List.of(), null, null)
        .intoRowsResult();
  }

  @Test
  void takesOverTheRowsResultAndReleasesItsPooledBuffer() {
    RowsResult rows = RowsFixtures.people(0, 3, null);
    QueryResult r = QueryResults.from(rows, null, List.of("careful"), TRACE, null);
    assertThat(rows.refCnt()).isZero();
    assertThat(r.isRows()).isTrue();
    assertThat(r.warnings()).containsExactly("careful");
    assertThat(r.tracingId()).contains(TRACE);
    QueryRowsResult qr = r.intoRowsResult();
    assertThat(qr.rowsNumber()).isEqualTo(3);
    assertThat(qr.columnSpecs()).containsExactly(ID, NAME);
    assertThat(qr.warnings()).containsExactly("careful");
    assertThat(qr.tracingId()).contains(TRACE);
  }

  @Test
  void decodesTypedRowsThroughTheGeneratedCodec() {
    List<Person> people = new ArrayList<>();
    people(3).rows(Person.class).forEach(people::add);
    assertThat(people)
        .containsExactly(new Person(0, "p0"), new Person(1, "p1"), new Person(2, "p2"));
  }

  @Test
  void rowsCanBeIteratedTwiceAndConcurrently() throws Exception {
    QueryRowsResult qr = people(100);
    Iterable<Person> it = qr.rows(Person.class);
    List<Person> a = new ArrayList<>();
    List<Person> b = new ArrayList<>();
    Thread t = new Thread(() -> it.forEach(a::add));
    t.start();
    it.forEach(b::add);
    t.join();
    assertThat(a).hasSize(100).isEqualTo(b);
  }

  @Test
  void decodesUntypedRows() {
    List<String> seen = new ArrayList<>();
    for (CqlRow row : people(2).rows(CqlRow.class)) {
      seen.add(row.getInt("id") + "=" + row.getString(1) + ":" + row.isNull("name"));
    }
    assertThat(seen).containsExactly("0=p0:false", "1=p1:false");
  }

  @Test
  void decodesSingleColumnRows() {
    QueryRowsResult qr =
        QueryResults.from(
                RowsFixtures.rows(List.of(NAME), null, new Object[] {"a"}, new Object[] {null}),
                null,
                List.of(),
                null,
                null)
            .intoRowsResult();
    List<String> names = new ArrayList<>();
    qr.rows(String.class).forEach(names::add);
    assertThat(names).containsExactly("a", null);
  }

  @Test
  void typeMismatchIsReportedWhenRowsIsCalledNamingTheColumn() {
    QueryRowsResult qr =
        QueryResults.from(RowsFixtures.rows(List.of(NAME), null), null, List.of(), null, null)
            .intoRowsResult();
    assertThatThrownBy(() -> qr.rows(Integer.class))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> people(1).rows(String.class))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("exactly 1 column");
  }

  @Test
  void firstRowNeedsAtLeastOneRow() {
    assertThat(people(2).firstRow(Person.class)).isEqualTo(new Person(0, "p0"));
    assertThatThrownBy(() -> people(0).firstRow(Person.class))
        .isInstanceOf(RowsCountException.class)
        .hasMessage("firstRow(Person) requires at least one row but the result has 0 rows");
  }

  @Test
  void maybeFirstRowIsEmptyWithoutRows() {
    assertThat(people(0).maybeFirstRow(Person.class)).isEmpty();
    assertThat(people(3).maybeFirstRow(Person.class)).contains(new Person(0, "p0"));
  }

  @Test
  void singleRowNeedsExactlyOneRow() {
    assertThat(people(1).singleRow(Person.class)).isEqualTo(new Person(0, "p0"));
    assertThatThrownBy(() -> people(0).singleRow(Person.class))
        .isInstanceOf(RowsCountException.class)
        .hasMessageContaining("exactly one row but the result has 0 rows");
    assertThatThrownBy(() -> people(2).singleRow(Person.class))
        .isInstanceOfSatisfying(
            RowsCountException.class, e -> assertThat(e.rowsNumber()).isEqualTo(2));
  }

  @Test
  void typeCheckRunsEvenWhenThereAreNoRows() {
    assertThatThrownBy(() -> people(0).maybeFirstRow(Integer.class))
        .isInstanceOf(TypeCheckException.class);
  }

  @Test
  void resultsWithoutRowsRefuseIntoRowsResult() {
    QueryResult v = QueryResults.from(new VoidResult(), null, List.of(), null, null);
    assertThat(v.isRows()).isFalse();
    assertThatThrownBy(v::intoRowsResult)
        .isInstanceOf(IntoRowsResultException.class)
        .hasMessageContaining("the result is Void, not Rows");
    QueryResult k = QueryResults.from(new SetKeyspaceResult("ks"), null, List.of(), null, null);
    assertThatThrownBy(k::intoRowsResult)
        .isInstanceOfSatisfying(
            IntoRowsResultException.class,
            e -> assertThat(e.resultKind()).isEqualTo("SetKeyspace(ks)"));
  }

  @Test
  void responseWithoutMetadataUsesThePreparedColumns() {
    RowsResult full = RowsFixtures.people(0, 2, null);
    ByteBuf content = full.rowsContent().retain();
    full.release();
    RowsResult noMetadata = new RowsResult(RowsMetadata.noMetadata(2, null), 2, content);
    QueryRowsResult qr =
        QueryResults.from(noMetadata, COLUMNS, List.of(), null, null).intoRowsResult();
    assertThat(noMetadata.refCnt()).isZero();
    assertThat(qr.firstRow(Person.class)).isEqualTo(new Person(0, "p0"));
  }

  @Test
  void responseWithoutMetadataAndNoPreparedColumnsIsAProtocolErrorAndStillReleased() {
    RowsResult noMetadata =
        new RowsResult(RowsMetadata.noMetadata(2, null), 0, Unpooled.directBuffer().retain());
    assertThatThrownBy(() -> QueryResults.from(noMetadata, null, List.of(), null, null))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("no prepared result columns");
    assertThat(noMetadata.refCnt()).isEqualTo(1);
    noMetadata.release();
  }

  @Test
  void pageCarriesThePagingStateOfTheResponse() {
    QueryPage more =
        QueryResults.page(RowsFixtures.people(0, 1, new byte[] {5}), null, List.of(), null, null);
    assertThat(more.pagingState().hasMorePages()).isTrue();
    assertThat(more.pagingState().next().rawBytes())
        .hasValueSatisfying(b -> assertThat(b).containsExactly(5));
    QueryPage last =
        QueryResults.page(RowsFixtures.people(0, 1, null), null, List.of(), null, null);
    assertThat(last.pagingState().hasMorePages()).isFalse();
    assertThatThrownBy(() -> last.pagingState().next())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no more pages");
    assertThat(
            QueryResults.page(new VoidResult(), null, List.of(), null, null)
                .pagingState()
                .hasMorePages())
        .isFalse();
  }
}
