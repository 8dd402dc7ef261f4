package org.cql4j.it.chaos;

/**
 * One fault of the chaos suite: how to inject it and how to end it.
 *
 * @param name the fault, as the report names it
 * @param inject starts the fault
 * @param heal ends it (returns once the cluster side is back, e.g. a restarted node listens)
 */
record Fault(String name, Step inject, Step heal) {

  /** A step that may fail or be interrupted. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }
}
