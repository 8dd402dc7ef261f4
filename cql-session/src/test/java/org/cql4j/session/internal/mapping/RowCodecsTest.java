package org.cql4j.session.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.mapped.Person;
import com.example.mapped.Person_CqlRowCodec;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.CqlRow;
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
    assertThat(RowCodecs.deserializer(Person.class)).isSameAs(Person_CqlRowCodec.DESERIALIZER);
    assertThat(RowCodecs.deserializer(Person.class)).isSameAs(RowCodecs.deserializer(Person.class));
    assertThat(RowCodecs.serializer(Person.class)).containsSame(Person_CqlRowCodec.SERIALIZER);
  }

  @Test
  void findsACodecClassThatImplementsDeserializeRowItselfForANestedRecord() {
    assertThat(RowCodecs.deserializer(Person.Nested.class).getClass().getName())
        .isEqualTo("com.example.mapped.Person_Nested_CqlRowCodec");
    assertThat(RowCodecs.serializer(Person.Nested.class)).isEmpty();
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
}
