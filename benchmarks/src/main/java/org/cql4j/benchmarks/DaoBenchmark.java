package org.cql4j.benchmarks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cql4j.mapper.Dao;
import org.cql4j.mapper.Query;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.NullCqlServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a generated DAO adds to a call: the same prepared SELECT of one row and INSERT, made through
 * {@code @Dao} methods and by hand through the session, against the null server in this JVM (one
 * caller thread, a round trip per call). Run with {@code -prof gc} for the allocation per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DaoBenchmark {
  private static final String SELECT =
      "SELECT pk, ck, id, ts, name, qty, total FROM bench.items WHERE pk = ? AND ck = ?";
  private static final String INSERT =
      "INSERT INTO bench.items (pk, ck, id, ts, name, qty, total) VALUES (?, ?, ?, ?, ?, ?, ?)";

  /** A row of bench.items. */
  @Row
  public record Item(long pk, int ck, UUID id, Instant ts, String name, int qty, long total) {}

  /** The DAO under test. */
  @Dao
  public interface ItemDao {
    /** One row by primary key. */
    @Query(SELECT)
    Optional<Item> find(long pk, int ck);

    /** One row written, bound as the whole row. */
    @Query(INSERT)
    void insert(Item item);
  }

  private NullCqlServer server;
  private Session session;
  private ItemDao dao;
  private PreparedStatement select;
  private PreparedStatement insert;
  private final Item item =
      new Item(
          1, 7, new UUID(1, 7), Instant.parse("2024-01-01T00:00:07Z"), "item-0000000007", 7, 7000);

  /** Starts the null server and a session, prepares both ways. */
  @Setup(Level.Trial)
  public void start() {
    server = NullCqlServer.builder().start();
    session = Session.builder().knownNode(server.contactPoint()).build();
    dao = session.dao(ItemDao.class);
    select = session.prepare(SELECT);
    insert = session.prepare(INSERT);
    dao.find(1, 7); // prepares the DAO's statements before measuring
    dao.insert(item);
  }

  /** Closes the session and the server. */
  @TearDown(Level.Trial)
  public void stop() {
    session.close();
    server.close();
  }

  /** {@code dao.find(pk, ck)}. */
  @Benchmark
  public Optional<Item> selectThroughDao() {
    return dao.find(1, 7);
  }

  /** The same by hand. */
  @Benchmark
  public Optional<Item> selectByHand() {
    return session
        .executeUnpaged(select, Values.of(1L, 7))
        .intoRowsResult()
        .maybeFirstRow(Item.class);
  }

  /** {@code dao.insert(item)}. */
  @Benchmark
  public void insertThroughDao() {
    dao.insert(item);
  }

  /** The same by hand. */
  @Benchmark
  public Object insertByHand() {
    return session.executeUnpaged(insert, item);
  }
}
