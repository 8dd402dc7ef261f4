package org.cql4j.cli.stress;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cql4j.cli.Errors;
import org.cql4j.cli.stress.generate.Generator;
import org.cql4j.cli.stress.generate.Generators;
import org.cql4j.cli.stress.report.StressReport;
import org.cql4j.cli.stress.report.StressReport.ErrorCount;
import org.cql4j.cli.stress.report.StressReport.OperationResult;
import org.cql4j.cli.stress.report.StressReport.Sample;
import org.cql4j.session.Session;
import org.cql4j.session.observability.NodeMetrics;

/**
 * One stress run: creates the workload's schema, prepares its operations, drives them, prints a
 * progress line each second and returns the report. Not thread-safe; runs on the caller's thread.
 */
final class StressRun {
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Session session;
  private final Workload workload;
  private final RunSettings settings;
  private final PrintWriter out;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  StressRun(Session session, Workload workload, RunSettings settings, PrintWriter out) {
    this.session = session;
    this.workload = workload;
    this.settings = settings;
    this.out = out;
  }

  /** Runs the schema statements in order, then waits for the nodes to agree on the schema. */
  void createSchema() {
    for (String statement : workload.schema()) {
      try {
        session.queryUnpaged(statement);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "schema statement failed: " + statement + "\n  " + Errors.describe(e), e);
      }
    }
    if (!workload.schema().isEmpty()) {
      session.awaitSchemaAgreement();
    }
  }

  /** Prepares every operation and binds its markers to the workload's generators. */
  List<PreparedOperation> prepare() {
    Map<String, Generator> generators = new HashMap<>();
    workload
        .generators()
        .forEach(
            (name, expression) -> {
              try {
                generators.put(name, Generators.parse(name, expression, settings.seed()));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("generator '" + name + "': " + e.getMessage());
              }
            });
    List<PreparedOperation> prepared = new ArrayList<>();
    for (Workload.Operation op : workload.operations()) {
      try {
        prepared.add(PreparedOperation.bind(op, session.prepare(op.cql()), generators));
      } catch (WorkloadException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new WorkloadException(
            op.line(), "operation '" + op.name() + "' cannot be prepared: " + Errors.describe(e));
      }
    }
    return prepared;
  }

  /**
   * Drives the prepared operations and measures them.
   *
   * @param operations from {@link #prepare()}
   * @param noop generate values but send nothing (the tool's own cost)
   * @param target a description of what is measured, for the report
   * @return the report
   */
  StressReport run(List<PreparedOperation> operations, boolean noop, String target)
      throws InterruptedException {
    List<String> names = new ArrayList<>();
    int[] weights = new int[operations.size()];
    for (int i = 0; i < weights.length; i++) {
      names.add(operations.get(i).operation().name());
      weights[i] = operations.get(i).operation().weight();
    }
    OperationMeters meters = new OperationMeters(operations.size());
    DriverRunner driver = noop ? null : new DriverRunner(session, operations);
    OperationRunner runner = noop ? new NoopRunner(operations) : driver;
    LoadGenerator load = new LoadGenerator(runner, meters, settings, weights);
    Sampler sampler = new Sampler(meters, names);

    long begin = System.nanoTime();
    long warmupEnd = begin + settings.warmup().toNanos();
    long measureStart = settings.warmup().isZero() ? begin : -1;
    long cpuStart = os.getProcessCpuTime();
    Map<String, Long> requestsBefore = requestsByNode();
    String started = Instant.now().toString();
    load.start();
    long lastSample = begin;
    long end = measureStart >= 0 ? measureEnd(measureStart) : Long.MAX_VALUE;
    while (true) {
      long due = lastSample + TICK_NANOS;
      while (System.nanoTime() < due && !load.finished()) {
        Thread.sleep(Math.min(20, Math.max(1, (due - System.nanoTime()) / 1_000_000)));
      }
      long now = System.nanoTime();
      boolean measuring = measureStart >= 0;
      long from = measuring ? Math.max(lastSample, measureStart) : lastSample;
      double second = (now - (measuring ? measureStart : begin)) / 1e9;
      progress(sampler.sample(second, (now - from) / 1e9, measuring, true), measuring, load);
      if (!measuring && now >= warmupEnd) {
        measureStart = now;
        cpuStart = os.getProcessCpuTime();
        requestsBefore = requestsByNode();
        started = Instant.now().toString();
        end = measureEnd(measureStart);
      }
      if (load.finished()) {
        break;
      }
      if (now >= end) {
        load.stop();
        drain(load);
        // the operations completed while draining count in the totals, not as a sample
        long drained = System.nanoTime();
        sampler.sample((drained - measureStart) / 1e9, (drained - now) / 1e9, true, false);
        break;
      }
      lastSample = now;
    }
    if (measureStart < 0) {
      throw new IllegalStateException(
          "every operation ran during the warm-up; shorten --warmup or raise --count");
    }
    long finish = System.nanoTime();
    double seconds = (finish - measureStart) / 1e9;
    OperationResult all = sampler.all(seconds);
    long cpu = os.getProcessCpuTime() - cpuStart;
    double cpuPerOp = cpu / 1000.0 / Math.max(1, all.ops() + all.errors());
    Map<String, ErrorCount> errors = new LinkedHashMap<>();
    meters
        .errorKinds()
        .forEach((k, v) -> errors.put(k, new ErrorCount(v.count().sum(), v.example())));
    String how = describeSettings(driver);
    return new StressReport(
        workload.name(),
        started,
        how,
        target,
        seconds,
        cpuPerOp,
        meters.rows(),
        all,
        sampler.operations(seconds),
        sampler.series(),
        errors,
        shares(requestsBefore, requestsByNode()));
  }

  private long measureEnd(long measureStart) {
    return settings.duration() == null
        ? Long.MAX_VALUE
        : measureStart + settings.duration().toNanos();
  }

  private String describeSettings(DriverRunner driver) {
    StringBuilder s = new StringBuilder();
    if (settings.rateLimited()) {
      s.append(String.format(Locale.ROOT, "rate %,.0f op/s", settings.rate()))
          .append(", at most ")
          .append(settings.concurrency())
          .append(" in flight");
    } else {
      s.append("closed loop, ").append(settings.concurrency()).append(" in flight");
    }
    s.append(", seed ").append(settings.seed());
    if (driver == null) {
      s.append(", no-op (nothing sent)");
    } else if (driver.routingChecked() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              ", token-aware: %.1f %% of %,d sampled requests coordinated by a replica",
              100.0 * driver.routedToReplica() / driver.routingChecked(),
              driver.routingChecked()));
    }
    return s.toString();
  }

  private void drain(LoadGenerator load) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!load.finished() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
  }

  private void progress(Sample s, boolean measuring, LoadGenerator load) {
    out.printf(
        Locale.ROOT,
        "%s %6.1fs %,12.0f op/s  errors %,d  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  in flight %d%n",
        measuring ? "        " : "warm-up ",
        s.second(),
        s.throughput(),
        s.errors(),
        s.p50() / 1000,
        s.p99() / 1000,
        s.max() / 1000,
        load.inFlight());
    out.flush();
  }

  private Map<String, Long> requestsByNode() {
    Map<String, Long> counts = new HashMap<>();
    for (Map.Entry<String, NodeMetrics> e : session.getMetrics().nodes().entrySet()) {
      counts.put(e.getKey(), e.getValue().queriesCount());
    }
    return counts;
  }

  private static Map<String, Double> shares(Map<String, Long> before, Map<String, Long> after) {
    long total = 0;
    Map<String, Long> deltas = new HashMap<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      deltas.put(e.getKey(), d);
      total += d;
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : deltas.entrySet()) {
      if (total > 0 && e.getValue() > 0) {
        shares.put(e.getKey(), 100.0 * e.getValue() / total);
      }
    }
    return shares;
  }
}
