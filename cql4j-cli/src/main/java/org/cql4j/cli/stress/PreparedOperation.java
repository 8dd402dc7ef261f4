package org.cql4j.cli.stress;

import java.util.List;
import java.util.Map;
import org.cql4j.cli.stress.generate.Generator;
import org.cql4j.cli.stress.generate.ValueWriter;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.statement.PreparedStatement;

/**
 * An operation of a workload, prepared, with a value writer bound to each of its markers.
 * Immutable, thread-safe.
 *
 * @param operation the operation as written
 * @param statement the prepared statement
 * @param writers one writer per bind marker, in marker order
 */
record PreparedOperation(
    Workload.Operation operation, PreparedStatement statement, ValueWriter[] writers) {

  /**
   * Binds the generators to a prepared statement's markers by name.
   *
   * @throws WorkloadException naming the operation and the marker without a generator, or the
   *     generator that cannot make the marker's type
   */
  static PreparedOperation bind(
      Workload.Operation operation,
      PreparedStatement statement,
      Map<String, Generator> generators) {
    List<ColumnSpec> markers = statement.variables();
    ValueWriter[] writers = new ValueWriter[markers.size()];
    for (int i = 0; i < writers.length; i++) {
      ColumnSpec marker = markers.get(i);
      Generator generator = generators.get(marker.name());
      if (generator == null) {
        throw new WorkloadException(
            operation.line(),
            "operation '"
                + operation.name()
                + "': bind marker '"
                + marker.name()
                + "' ("
                + marker.type()
                + ") has no generator; add '@gen "
                + marker.name()
                + " = ...;'");
      }
      try {
        writers[i] = generator.writerFor(marker.type());
      } catch (IllegalArgumentException e) {
        throw new WorkloadException(
            operation.line(),
            "operation '"
                + operation.name()
                + "', marker '"
                + marker.name()
                + "': "
                + e.getMessage());
      }
    }
    return new PreparedOperation(operation, statement, writers);
  }

  /** The values of operation {@code index}. */
  GeneratedRow row(long index) {
    return new GeneratedRow(writers, index);
  }
}
