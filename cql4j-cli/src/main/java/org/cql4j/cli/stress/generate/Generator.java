package org.cql4j.cli.stress.generate;

import org.cql4j.protocol.types.ColumnType;

/**
 * A value generator of a workload ({@code @gen name = uniform(1, 100);}), immutable and
 * thread-safe: it turns an operation index into a value of whatever CQL type the bind marker it
 * feeds has, written directly into the request frame.
 */
public interface Generator {

  /**
   * A writer of this generator's values for a bind marker of the given type.
   *
   * @param type the marker's CQL type
   * @return the writer
   * @throws IllegalArgumentException naming the generator and the type if it cannot produce it
   */
  ValueWriter writerFor(ColumnType type);

  /** The generator as written in the workload, e.g. {@code zipf(1000000, 1.1)}. */
  String describe();
}
