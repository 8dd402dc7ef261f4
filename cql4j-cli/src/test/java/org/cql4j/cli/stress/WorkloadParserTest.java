package org.cql4j.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadParserTest {

  @Test
  void readsSchemaGeneratorsAndWeightedOperationsWithTheirLines() {
    Workload w =
        WorkloadParser.parse(
            "kv",
            """
            -- a comment
            CREATE TABLE IF NOT EXISTS ks.kv (k bigint PRIMARY KEY, v text);
            @gen k = zipf(1000, 1.1);
            @gen v = text(10, 20);  // trailing comment

            @op write 3 = INSERT INTO ks.kv (k, v)
              VALUES (:k, :v);
            @op read = SELECT v FROM ks.kv WHERE k = :k;
            """);
    assertThat(w.schema())
        .containsExactly("CREATE TABLE IF NOT EXISTS ks.kv (k bigint PRIMARY KEY, v text)");
    assertThat(w.generators())
        .containsExactly(
            java.util.Map.entry("k", "zipf(1000, 1.1)"), java.util.Map.entry("v", "text(10, 20)"));
    assertThat(w.operations())
        .containsExactly(
            new Workload.Operation("write", 3, "INSERT INTO ks.kv (k, v)\n  VALUES (:k, :v)", 6),
            new Workload.Operation("read", 1, "SELECT v FROM ks.kv WHERE k = :k", 8));
  }

  @Test
  void theShippedWorkloadsParse() throws Exception {
    for (String name : StressCommand.BUILT_IN_NAMES.split(", ")) {
      Workload w = WorkloadParser.parse(name, StressCommand.readWorkload(name));
      assertThat(w.operations()).isNotEmpty();
    }
  }

  @Test
  void errorsNameTheLineAndTheFix() {
    assertThatThrownBy(() -> WorkloadParser.parse("w", "\n\n@gen k zipf(1, 1);\n@op a = SELECT 1;"))
        .isInstanceOf(WorkloadException.class)
        .hasMessage("workload line 3: write a generator as '@gen name = expression;'");
    assertThatThrownBy(() -> WorkloadParser.parse("w", "@gen k = 1;\n@gen k = 2;\n@op a = X;"))
        .hasMessage("workload line 2: generator 'k' is defined twice");
    assertThatThrownBy(() -> WorkloadParser.parse("w", "@op a = X;\n@op a = Y;"))
        .hasMessage("workload line 2: operation 'a' is defined twice");
    assertThatThrownBy(() -> WorkloadParser.parse("w", "@op a 0 = X;"))
        .hasMessage("workload line 1: operation 'a' has weight 0");
    assertThatThrownBy(() -> WorkloadParser.parse("w", "@run a = X;"))
        .hasMessage("workload line 1: unknown directive; use @gen or @op");
    assertThatThrownBy(() -> WorkloadParser.parse("w", "CREATE TABLE t (k int PRIMARY KEY);"))
        .hasMessage("workload line 1: the workload has no operation; add '@op name = CQL;'");
  }
}
