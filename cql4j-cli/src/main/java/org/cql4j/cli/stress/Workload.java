package org.cql4j.cli.stress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed workload script, immutable: the schema statements run once before the load, the value
 * generators by bind-marker name, and the operations picked by weight.
 *
 * @param name the workload's name (its file name without extension)
 * @param schema CQL statements run in order before the load (unless skipped)
 * @param generators generator expressions by name, in the order written
 * @param operations the operations, in the order written
 */
public record Workload(
    String name, List<String> schema, Map<String, String> generators, List<Operation> operations) {

  /** Copies the lists and map; thread-safe. */
  public Workload {
    schema = List.copyOf(schema);
    generators = Collections.unmodifiableMap(new LinkedHashMap<>(generators));
    operations = List.copyOf(operations);
  }

  /**
   * One operation of a workload: a statement prepared once and executed with generated values.
   *
   * @param name its name in reports, e.g. {@code write}
   * @param weight how often it runs relative to the others (at least 1)
   * @param cql the statement; its bind markers name generators
   * @param line the script line where it starts, for errors
   */
  public record Operation(String name, int weight, String cql, int line) {}
}
