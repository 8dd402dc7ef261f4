package org.cql4j.protocol.deserialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class TypeCheckExceptionTest {

  @Test
  void messageNamesTheColumnItsCqlTypeAndTheJavaType() {
    assertThat(
            new TypeCheckException("age", ColumnType.TEXT, "java.lang.Integer", "it maps to int"))
        .hasMessage(
            "Cannot decode column 'age' of CQL type text into Java type java.lang.Integer: it maps"
                + " to int");
    assertThat(new TypeCheckException(null, ColumnType.TEXT, "java.lang.Integer", "x"))
        .hasMessage("Cannot decode CQL type text into Java type java.lang.Integer: x");
  }

  @Test
  void messageLeavesOutWhatIsUnknownInsteadOfSayingNull() {
    assertThat(new TypeCheckException(null, null, "com.example.Point", "3 columns expected"))
        .hasMessage(
            "Cannot decode the result into Java type com.example.Point: 3 columns expected");
    assertThat(new TypeCheckException("x", null, "com.example.Point", "why"))
        .hasMessage("Cannot decode column 'x' into Java type com.example.Point: why");
  }

  @Test
  void missingColumnListsTheColumnsPresent() {
    TypeCheckException e =
        TypeCheckException.missingColumn(
            "email", "com.example.User", List.of("id", "name"), "select it");
    assertThat(e)
        .hasMessage(
            "Column 'email' required by com.example.User is missing from the result (columns"
                + " present: id, name); select it");
    assertThat(e.column()).isEqualTo("email");
    assertThat(e.cqlType()).isNull();
    assertThat(e.javaType()).isEqualTo("com.example.User");
    assertThat(TypeCheckException.missingColumn("a", "T", List.of(), null))
        .hasMessage("Column 'a' required by T is missing from the result (columns present: none)");
  }

  @Test
  void inColumnKeepsTheReasonAndNamesTheColumn() {
    TypeCheckException e =
        new TypeCheckException(null, ColumnType.INT, "java.lang.String", "it maps to text")
            .inColumn("name");
    assertThat(e)
        .hasMessage(
            "Cannot decode column 'name' of CQL type int into Java type java.lang.String: it maps"
                + " to text")
        .hasCauseInstanceOf(TypeCheckException.class);
  }
}
