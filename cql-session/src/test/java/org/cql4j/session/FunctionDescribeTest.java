package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class FunctionDescribeTest {
  private static final ColumnType.UserType POINT =
      new ColumnType.UserType(
          "ks",
          "point",
          List.of(
              new ColumnType.UserType.Field("x", ColumnType.INT),
              new ColumnType.UserType.Field("y", ColumnType.INT)));
  private static final ColumnType STATE = ColumnType.tuple(ColumnType.INT, ColumnType.BIGINT);

  private static FunctionMetadata function(String body, boolean calledOnNull) {
    return new FunctionMetadata(
        "ks",
        "Avg State",
        List.of("s", "p", "l"),
        List.of(STATE, POINT, ColumnType.list(POINT)),
        STATE,
        "java",
        body,
        calledOnNull);
  }

  @Test
  void describesAFunctionWithUnfrozenTypesAndADollarQuotedBody() {
    assertThat(function(" return s; ", true).describe())
        .isEqualTo(
            """
            CREATE FUNCTION ks."Avg State"(s tuple<int, bigint>, p point, l list<frozen<point>>)
                CALLED ON NULL INPUT
                RETURNS tuple<int, bigint>
                LANGUAGE java
                AS $$ return s; $$;""");
    assertThat(function("return s;", false).describe()).contains("RETURNS NULL ON NULL INPUT");
  }

  @Test
  void quotesABodyThatHoldsDollarSigns() {
    assertThat(function("return \"$$\" + 'x';", true).describe())
        .endsWith("AS 'return \"$$\" + ''x'';';");
  }

  @Test
  void describesAnAggregateWithOrWithoutFinalFunctionAndInitialCondition() {
    AggregateMetadata average =
        new AggregateMetadata(
            "ks",
            "average",
            List.of(ColumnType.INT),
            "avg_state",
            STATE,
            Optional.of("avg_final"),
            Optional.of("(0, 0)"),
            ColumnType.DOUBLE);
    assertThat(average.describe())
        .isEqualTo(
            """
            CREATE AGGREGATE ks.average(int)
                SFUNC avg_state
                STYPE tuple<int, bigint>
                FINALFUNC avg_final
                INITCOND (0, 0);""");
    assertThat(average.stateFunctionSignature())
        .isEqualTo(FunctionSignature.of("avg_state", STATE, ColumnType.INT));
    assertThat(average.finalFunctionSignature()).contains(FunctionSignature.of("avg_final", STATE));

    AggregateMetadata total =
        new AggregateMetadata(
            "ks",
            "total",
            List.of(ColumnType.INT),
            "plus",
            ColumnType.INT,
            Optional.empty(),
            Optional.empty(),
            ColumnType.INT);
    assertThat(total.describe())
        .isEqualTo("CREATE AGGREGATE ks.total(int)\n    SFUNC plus\n    STYPE int;");
    assertThat(total.finalFunctionSignature()).isEmpty();
  }

  @Test
  void keyspaceLooksFunctionsUpBySignatureAndDescribesThemBeforeAggregatesAndTables() {
    FunctionMetadata f = function("return s;", true);
    AggregateMetadata a =
        new AggregateMetadata(
            "ks",
            "agg",
            List.of(POINT, ColumnType.list(POINT)),
            "Avg State",
            STATE,
            Optional.empty(),
            Optional.empty(),
            STATE);
    KeyspaceMetadata ks =
        new KeyspaceMetadata(
            "ks",
            Map.of("class", "SimpleStrategy", "replication_factor", "1"),
            true,
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(f.signature(), f),
            Map.of(a.signature(), a));
    assertThat(ks.function("Avg State", STATE, POINT, ColumnType.list(POINT))).contains(f);
    assertThat(ks.function("Avg State", STATE)).isEmpty();
    assertThat(ks.aggregate(a.signature())).contains(a);
    assertThat(ks.function(a.stateFunctionSignature())).contains(f);
    assertThat(ks.describeAll()).containsExactly(ks.describe(), f.describe(), a.describe());
    assertThat(f.signature().toString())
        .isEqualTo("\"Avg State\"(tuple<int, bigint>, ks.point, list<frozen<ks.point>>)");
    assertThatThrownBy(
            () ->
                new FunctionMetadata(
                    "ks", "f", List.of("a"), List.of(), ColumnType.INT, "java", "", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 argument names, 0 types");
  }
}
