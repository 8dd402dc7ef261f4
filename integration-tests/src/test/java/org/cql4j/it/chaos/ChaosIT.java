package org.cql4j.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CassandraExtension;
import org.cql4j.testkit.CqlProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos suite: a 3-node ring (RF 3) behind the test proxy, writers of new rows and readers of
 * known rows at QUORUM, and one fault after another (see {@link ChaosFaults}). For each fault:
 * every failure reaches the caller as a typed exception, no request outlives its timeout by more
 * than {@link #MARGIN}, no read returns a wrong value, and throughput comes back to half its rate
 * before the fault within {@link #RECOVERY_LIMIT}; at the end every acknowledged write reads back.
 *
 * <p>{@code -Dcql4j.chaos.holdSeconds} (default 3) is how long each fault lasts and {@code
 * -Dcql4j.chaos.rounds} (default 1) how often the whole list runs; the {@code chaos-long} profile
 * sets 30 and 3. The table goes to the log and to {@code target/chaos-report.md}.
 */
class ChaosIT {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosIT.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration MARGIN = Duration.ofMillis(500);
  private static final Duration BASELINE = Duration.ofSeconds(2);
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
  private static final double RECOVERED_FRACTION = 0.5;

  private static CassandraCluster ring;
  private static CqlProxy proxy;

  /** A row of {@code chaos.acked}. */
  @Row
  record Acked(long k, long v) {}

  @BeforeAll
  static void startRing() {
    int block = Integer.getInteger(CassandraExtension.ADDRESS_BLOCK_PROPERTY, 0);
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      addresses.add("127." + block + ".41." + i);
    }
    ring =
        CassandraCluster.builder()
            .addresses(addresses)
            .configureNodes(
                node ->
                    node.jvmOption("-Dcassandra.unsafesystem=false") // journal the schema too
                        .yaml("commitlog_sync_period", "10ms") // on disk within 10 ms
                        .stopTimeout(Duration.ofSeconds(10)))
            .build();
    try {
      ring.start();
      proxy = CqlProxy.builder().cluster(ring).start();
    } catch (RuntimeException e) {
      ring.close();
      throw e;
    }
  }

  @AfterAll
  static void stopRing() {
    if (proxy != null) {
      proxy.close();
    }
    ring.close();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.HOURS) // the long profile runs for about an hour
  void noAcknowledgedWriteIsLostAndNoRequestHangsWhateverTheClusterDoes() throws Exception {
    Duration hold = Duration.ofSeconds(Integer.getInteger("cql4j.chaos.holdSeconds", 3));
    int rounds = Integer.getInteger("cql4j.chaos.rounds", 1);
    long seed = Long.getLong("cql4j.chaos.seed", System.nanoTime());
    LOG.info("chaos: faults held {} s, {} round(s), seed {}", hold.toSeconds(), rounds, seed);
    List<PhaseStats> phases = new ArrayList<>();
    List<Optional<Duration>> recoveries = new ArrayList<>();
    try (Session session = Session.builder().knownNodes(proxy.contactPoints()).build()) {
      PhaseStats warmUp = new PhaseStats("none (warm-up)");
      phases.add(warmUp);
      recoveries.add(Optional.empty());
      ChaosLoad load = new ChaosLoad(session, 4, 4, REQUEST_TIMEOUT, warmUp);
      List<String> hung;
      try {
        TimeUnit.SECONDS.sleep(3);
        String only = System.getProperty("cql4j.chaos.faults", "");
        List<Fault> faults =
            ChaosFaults.all(ring, proxy, REQUEST_TIMEOUT, seed).stream()
                .filter(fault -> fault.name().contains(only))
                .toList();
        for (int round = 0; round < rounds; round++) {
          for (Fault fault : faults) {
            PhaseStats stats = new PhaseStats(fault.name());
            load.record(stats, phases.size());
            phases.add(stats);
            recoveries.add(run(fault, stats, hold));
          }
        }
      } finally {
        hung = load.stop(MARGIN);
      }
      Map<Long, Integer> acknowledged = load.acknowledged();
      long[] lost = lostWrites(session, acknowledged, phases.size());
      List<ChaosReport.Row> rows = new ArrayList<>();
      for (int i = 0; i < phases.size(); i++) {
        rows.add(new ChaosReport.Row(phases.get(i), lost[i], recoveries.get(i)));
      }
      String table =
          ChaosReport.table(
              rows,
              String.format(
                  "Chaos run: 3 nodes (Cassandra %s), RF 3, QUORUM, 4 writers and 4 readers,"
                      + " request timeout %d s, each fault held %d s, %d round(s), seed %d;"
                      + " %,d writes acknowledged in all, %d lost",
                  ring.version(),
                  REQUEST_TIMEOUT.toSeconds(),
                  hold.toSeconds(),
                  rounds,
                  seed,
                  acknowledged.size(),
                  Arrays.stream(lost).sum()));
      LOG.info("\n{}", table);
      Files.writeString(Path.of("target", "chaos-report.md"), table);

      assertThat(hung).as("threads still waiting on a request at the end").isEmpty();
      for (int i = 0; i < phases.size(); i++) {
        PhaseStats stats = phases.get(i);
        String fault = stats.fault();
        assertThat(lost[i]).as("acknowledged writes lost under: %s", fault).isZero();
        assertThat(stats.untyped()).as("untyped failures under: %s", fault).isEmpty();
        assertThat(stats.wrongAnswers()).as("wrong reads under: %s", fault).isEmpty();
        assertThat(stats.worstLateness())
            .as("the latest answer past the request timeout under: %s", fault)
            .isLessThanOrEqualTo(MARGIN);
        if (stats.faulted()) {
          assertThat(recoveries.get(i))
              .as("throughput back within %s after: %s", RECOVERY_LIMIT, fault)
              .isPresent();
        }
      }
    }
  }

  /** Runs one fault: a baseline, the fault for {@code hold}, its end, the wait for throughput. */
  private static Optional<Duration> run(Fault fault, PhaseStats stats, Duration hold)
      throws Exception {
    TimeUnit.MILLISECONDS.sleep(BASELINE.toMillis());
    LOG.info("chaos: injecting '{}'", fault.name());
    stats.injected();
    fault.inject().run();
    TimeUnit.MILLISECONDS.sleep(hold.toMillis());
    fault.heal().run();
    stats.healed();
    LOG.info("chaos: '{}' healed", fault.name());
    stats.firstFailures().forEach((type, e) -> LOG.info("chaos: first {}: {}", type, e.toString()));
    long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
    while (true) {
      long now = System.nanoTime();
      Optional<Duration> recovery = stats.recoveryTime(RECOVERED_FRACTION, now);
      if (recovery.isPresent() || now - deadline > 0) {
        LOG.info("chaos: '{}' recovery {}", fault.name(), recovery);
        return recovery;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /**
   * Reads the whole table at QUORUM and counts, per phase, the acknowledged writes missing from it
   * (or holding another value). A scan that fails (a node still settling) is tried again.
   */
  private static long[] lostWrites(Session session, Map<Long, Integer> acknowledged, int phases)
      throws InterruptedException {
    Set<Long> found = null;
    for (int attempt = 1; found == null; attempt++) {
      try {
        found = new HashSet<>();
        for (Acked row :
            session
                .queryIter(
                    new Statement("SELECT k, v FROM chaos.acked")
                        .setConsistency(Consistency.QUORUM)
                        .setPageSize(5_000)
                        .setRequestTimeout(Duration.ofSeconds(10)),
                    Values.EMPTY)
                .rows(Acked.class)) {
          if (row.v() == ChaosLoad.ackedValue(row.k())) {
            found.add(row.k());
          }
        }
      } catch (CqlException e) {
        if (attempt == 5) {
          throw e;
        }
        LOG.info("chaos: reading back failed ({}), again", e.toString());
        found = null;
        TimeUnit.SECONDS.sleep(2);
      }
    }
    long[] lost = new long[phases];
    for (Map.Entry<Long, Integer> write : acknowledged.entrySet()) {
      if (!found.contains(write.getKey()) && write.getValue() < phases) {
        lost[write.getValue()]++;
      }
    }
    return lost;
  }
}
