package org.cql4j.session.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.mapped.Person;
import com.example.mapped.Person_CqlRowCodec;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.result.RowsFixtures;
import org.junit.jupiter.api.Test;

class RowCodecsTest {
  record Unmapped(int id) {}

  static final class NotARecord {}

  @Test
  void generatedCodecNameFollowsTheConvention() {
    assertThat(RowCodecs.generatedCodecName(Person.class))
        .isEqualTo("com.example.mapped.Person_CqlRowCodec");
    assertThat(RowCodecs.generatedCodecName(Person.Nested.class))
        .isEqualTo("com.example.mapped.Person_Nested_CqlRowCodec");
  }

  @Test
  void findsTheGeneratedCodecThroughItsAccessorsOncePerClass() {
    DeserializeRow<Person> deserializer = RowCodecs.deserializer(Person.class);
    assertThat(deserializer).isSameAs(RowCodecs.deserializer(Person.class));
    assertThat(RowCodecs.serializer(Person.class)).containsSame(Person_CqlRowCodec.SERIALIZER);

    assertThat(rowsOf(RowsFixtures.COLUMNS, 7, "Ada").rows(deserializer))
        .containsExactly(new Person(7, "Ada"));
  }

  @Test
  void findsACodecClassThatImplementsDeserializeRowItselfForANestedRecord() {
    DeserializeRow<Person.Nested> deserializer = RowCodecs.deserializer(Person.Nested.class);

    assertThat(rowsOf(List.of(RowsFixtures.NAME), "Ada").rows(deserializer))
        .containsExactly(new Person.Nested("Ada"));
    assertThat(RowCodecs.serializer(Person.Nested.class)).isEmpty();
  }

  /** Results of one prepared statement share its list of columns: the decoder is bound once. */
  @Test
  void aGeneratedDecoderIsBoundOncePerListOfColumns() {
    DeserializeRow<Person> deserializer = RowCodecs.deserializer(Person.class);
    List<ColumnSpec> statementColumns = List.of(RowsFixtures.ID, RowsFixtures.NAME);

    DeserializeRow.Decoder<Person> first = deserializer.bind(statementColumns);

    assertThat(deserializer.bind(statementColumns)).isSameAs(first);
    // equal columns from a response's own metadata are another list: bound again, not trusted
    List<ColumnSpec> responseColumns = new ArrayList<>(statementColumns);
    assertThat(deserializer.bind(responseColumns)).isNotSameAs(first);
  }

  @Test
  void aFailedBindIsNotRemembered() {
    DeserializeRow<Person> deserializer = RowCodecs.deserializer(Person.class);
    List<ColumnSpec> wrongType =
        List.of(new ColumnSpec("ks", "people", "id", ColumnType.TEXT), RowsFixtures.NAME);

    assertThatThrownBy(() -> deserializer.bind(wrongType)).isInstanceOf(TypeCheckException.class);
    assertThatThrownBy(() -> deserializer.bind(wrongType)).isInstanceOf(TypeCheckException.class);
  }

  @Test
  void builtInRowTypesNeedNoGeneratedCodec() {
    assertThat(RowCodecs.deserializer(CqlRow.class)).isSameAs(Codecs.cqlRow());
    assertThat(RowCodecs.deserializer(String.class)).isNotNull();
    assertThat(RowCodecs.serializer(String.class)).isEmpty();
  }

  @Test
  void recordWithoutGeneratedCodecHasAClearMessage() {
    assertThatThrownBy(() -> RowCodecs.deserializer(Unmapped.class))
        .isInstanceOf(CqlException.class)
        .hasMessageStartingWith(
            "record org.cql4j.session.internal.mapping.RowCodecsTest$Unmapped has no generated"
                + " codec: is cql-mapper-processor on the annotation processor path?")
        .hasMessageContaining("RowCodecsTest_Unmapped_CqlRowCodec")
        .hasMessageContaining("annotated @Row");
  }

  @Test
  void classWithoutAnyCodecSaysWhatRowsAccepts() {
    assertThatThrownBy(() -> RowCodecs.deserializer(NotARecord.class))
        .isInstanceOf(CqlException.class)
        .hasMessageContaining("no row codec for")
        .hasMessageContaining("CqlRow.class");
  }

  private static QueryRowsResult rowsOf(List<ColumnSpec> columns, Object... row) {
    return QueryResults.from(RowsFixtures.rows(columns, null, row), null, List.of(), null, null)
        .intoRowsResult();
  }
}
