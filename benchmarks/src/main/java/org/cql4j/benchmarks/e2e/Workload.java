package org.cql4j.benchmarks.e2e;

import java.util.concurrent.CompletionStage;

/** The three requests of the end-to-end benchmark, by their command-line names; thread-safe. */
public enum Workload {
  /** Prepared INSERT of one row (7 columns). */
  INSERT("insert") {
    @Override
    CompletionStage<Long> issue(DriverUnderTest driver, BenchData data, long i) {
      return driver.insert(data.write(i));
    }
  },
  /** Prepared SELECT of one row by (pk, ck), every cell consumed. */
  SELECT_ONE("select-one") {
    @Override
    CompletionStage<Long> issue(DriverUnderTest driver, BenchData data, long i) {
      return driver.selectOne(data.readPartition(i), data.readClustering(i));
    }
  },
  /** Prepared SELECT of a 100-row partition by pk, every cell consumed. */
  SELECT_PARTITION("select-partition") {
    @Override
    CompletionStage<Long> issue(DriverUnderTest driver, BenchData data, long i) {
      return driver.selectPartition(data.readPartition(i));
    }
  };

  private final String cliName;

  Workload(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line and in reports. */
  public String cliName() {
    return cliName;
  }

  /**
   * Issues the {@code i}-th request of this workload.
   *
   * @param driver the driver
   * @param data the keys and rows
   * @param i the request's sequence number
   * @return completes when the request is done and its rows consumed
   */
  abstract CompletionStage<Long> issue(DriverUnderTest driver, BenchData data, long i);

  /** The workload with this command-line name. */
  static Workload named(String name) {
    for (Workload w : values()) {
      if (w.cliName.equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "Unknown workload '" + name + "'; use insert, select-one or select-partition");
  }
}
