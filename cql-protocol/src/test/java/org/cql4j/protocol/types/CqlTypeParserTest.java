package org.cql4j.protocol.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.types.ColumnType.UserType;
import org.cql4j.protocol.types.ColumnType.UserType.Field;
import org.cql4j.protocol.types.CqlTypeParser.ParsedType;
import org.junit.jupiter.api.Test;

class CqlTypeParserTest {
  private static final UserType GEO =
      new UserType(
          "ks",
          "geo",
          List.of(new Field("lat", ColumnType.DOUBLE), new Field("lon", ColumnType.DOUBLE)));
  private static final UserType ADDRESS =
      new UserType(
          "ks", "address", List.of(new Field("street", ColumnType.TEXT), new Field("where", GEO)));
  private static final UserType QUOTED =
      new UserType("ks", "My \"Type\"", List.of(new Field("x", ColumnType.INT)));
  private static final UserType OTHER =
      new UserType("Other", "Thing", List.of(new Field("y", ColumnType.INT)));
  private static final Map<String, UserType> TYPES =
      Map.of("ks.geo", GEO, "ks.address", ADDRESS, "ks.My \"Type\"", QUOTED, "Other.Thing", OTHER);

  private final List<String> lookups = new ArrayList<>();

  private ParsedType parse(String text) {
    return CqlTypeParser.parse(
        text,
        "ks",
        (keyspace, name) -> {
          lookups.add(keyspace + "." + name);
          return TYPES.get(keyspace + "." + name);
        });
  }

  @Test
  void parsesEveryNativeTypeByItsNameInAnyCase() {
    for (ColumnType.Native n : ColumnType.Native.values()) {
      assertThat(CqlTypeParser.parse(n.toString())).isEqualTo(new ParsedType(n, false));
      assertThat(CqlTypeParser.parse(n.toString().toUpperCase()).type()).isSameAs(n);
    }
    assertThat(CqlTypeParser.parse("varchar").type()).isSameAs(ColumnType.TEXT);
    assertThat(CqlTypeParser.parse("  duration ").type()).isSameAs(ColumnType.DURATION);
  }

  @Test
  void parsesCollectionsAndReportsOnlyTheTopLevelFreezing() {
    assertThat(CqlTypeParser.parse("list<int>"))
        .isEqualTo(new ParsedType(ColumnType.list(ColumnType.INT), false));
    assertThat(CqlTypeParser.parse("frozen<set<text>>"))
        .isEqualTo(new ParsedType(ColumnType.set(ColumnType.TEXT), true));
    assertThat(CqlTypeParser.parse("map<text, frozen<list<int>>>"))
        .isEqualTo(
            new ParsedType(
                ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT)), false));
    assertThat(CqlTypeParser.parse(" FROZEN < Map <VarChar,bigint> > "))
        .isEqualTo(new ParsedType(ColumnType.map(ColumnType.TEXT, ColumnType.BIGINT), true));
  }

  @Test
  void parsesTuplesVectorsAndCustomTypes() {
    assertThat(CqlTypeParser.parse("frozen<tuple<int, text, frozen<map<int, blob>>>>"))
        .isEqualTo(
            new ParsedType(
                ColumnType.tuple(
                    ColumnType.INT,
                    ColumnType.TEXT,
                    ColumnType.map(ColumnType.INT, ColumnType.BLOB)),
                true));
    assertThat(CqlTypeParser.parse("vector<float, 3>"))
        .isEqualTo(new ParsedType(ColumnType.vector(ColumnType.FLOAT, 3), false));
    assertThat(CqlTypeParser.parse("vector<frozen<list<int>>,2>").type())
        .isEqualTo(ColumnType.vector(ColumnType.list(ColumnType.INT), 2));
    assertThat(
            CqlTypeParser.parse(
                "'org.apache.cassandra.db.marshal.DynamicCompositeType(s=>UTF8Type)'"))
        .isEqualTo(
            new ParsedType(
                new ColumnType.Custom(
                    "org.apache.cassandra.db.marshal.DynamicCompositeType(s=>UTF8Type)"),
                false));
    assertThat(CqlTypeParser.parse("list<'a''b'>").type())
        .isEqualTo(ColumnType.list(new ColumnType.Custom("a'b")));
  }

  @Test
  void resolvesUserTypesInTheGivenKeyspaceThroughTheLookup() {
    assertThat(parse("frozen<list<frozen<address>>>"))
        .isEqualTo(new ParsedType(ColumnType.list(ADDRESS), true));
    assertThat(parse("address")).isEqualTo(new ParsedType(ADDRESS, false));
    assertThat(parse("map<frozen<geo>, frozen<address>>").type())
        .isEqualTo(ColumnType.map(GEO, ADDRESS));
    assertThat(lookups).containsExactly("ks.address", "ks.address", "ks.geo", "ks.address");
  }

  @Test
  void resolvesQuotedAndQualifiedUserTypeNames() {
    assertThat(parse("\"My \"\"Type\"\"\"").type()).isSameAs(QUOTED);
    assertThat(parse("frozen<\"Other\".\"Thing\">")).isEqualTo(new ParsedType(OTHER, true));
    assertThat(parse("KS . GEO").type()).isSameAs(GEO); // unquoted names fold to lower case
    assertThat(lookups).containsExactly("ks.My \"Type\"", "Other.Thing", "ks.geo");
  }

  @Test
  void readsBackTheTextOfEveryTypeItPrints() {
    ColumnType type =
        ColumnType.map(
            ColumnType.tuple(OTHER, ColumnType.vector(ColumnType.FLOAT, 4)),
            ColumnType.list(ColumnType.set(QUOTED)));
    assertThat(type)
        .hasToString(
            "map<tuple<frozen<\"Other\".\"Thing\">, vector<float, 4>>,"
                + " frozen<list<frozen<set<frozen<ks.\"My \"\"Type\"\"\">>>>>>");
    assertThat(parse(type.toString())).isEqualTo(new ParsedType(type, false));
  }

  @Test
  void rejectsBadTextNamingTheTextAndThePosition() {
    assertError(
        "map<int>", "invalid CQL type 'map<int>' at position 7: expected ',' but found '>'");
    assertError(
        "list<int", "invalid CQL type 'list<int' at position 8: expected '>' but found the end");
    assertError("", "invalid CQL type '' at position 0: expected a type but found the end");
    assertError(
        "tuple<>", "invalid CQL type 'tuple<>' at position 6: expected a type but found '>'");
    assertError(
        "int int",
        "invalid CQL type 'int int' at position 4: expected the end of the type but found 'i'");
    assertError(
        "list<int>>",
        "invalid CQL type 'list<int>>' at position 9: expected the end of the type but found '>'");
    assertError(
        "vector<float, 0>",
        "invalid CQL type 'vector<float, 0>' at position 14:"
            + " vector dimensions must be 1 to 2147483647, not 0");
    assertError(
        "vector<float, 99999999999>",
        "invalid CQL type 'vector<float, 99999999999>' at position 14:"
            + " vector dimensions must be 1 to 2147483647, not 99999999999");
    assertError(
        "vector<float>",
        "invalid CQL type 'vector<float>' at position 12: expected ',' but found '>'");
    assertError(
        "list<'Oops>",
        "invalid CQL type 'list<'Oops>' at position 5: unterminated custom type class name");
    assertError("\"\"", "invalid CQL type '\"\"' at position 0: empty quoted name");
    assertError("ks.", "invalid CQL type 'ks.' at position 3: expected a name but found the end");
    assertError(
        "list<-1>", "invalid CQL type 'list<-1>' at position 5: expected a type but found '-'");
  }

  @Test
  void rejectsUserTypesTheLookupDoesNotKnow() {
    assertError(
        "list<frozen<address>>",
        "invalid CQL type 'list<frozen<address>>' at position 12: unknown user type address");
    assertThatThrownBy(() -> parse("frozen<map<int, \"Missing\">>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid CQL type 'frozen<map<int, \"Missing\">>' at position 16:"
                + " unknown user type ks.\"Missing\"");
    assertThatThrownBy(() -> parse("nope.\"select\""))
        .hasMessage(
            "invalid CQL type 'nope.\"select\"' at position 0: unknown user type nope.\"select\"");
  }

  private static void assertError(String text, String message) {
    assertThatThrownBy(() -> CqlTypeParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
