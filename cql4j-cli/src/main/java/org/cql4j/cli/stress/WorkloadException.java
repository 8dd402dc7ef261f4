package org.cql4j.cli.stress;

/** A workload script that cannot run, with the line to fix. Immutable, thread-safe. */
public final class WorkloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param line the script line (1-based) of the statement at fault
   * @param message what is wrong and how to fix it
   */
  public WorkloadException(int line, String message) {
    super("workload line " + line + ": " + message);
  }
}
