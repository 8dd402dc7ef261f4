package org.cql4j.benchmarks.e2e;

import java.util.concurrent.CompletionStage;

/**
 * One driver as the end-to-end benchmark drives it: connect, prepare the three statements of {@link
 * BenchData}, then issue them through the driver's asynchronous API. Implementations are used by
 * one benchmark child JVM: {@link #connect} and {@link #prepareAll} from the main thread, then the
 * three request methods from any thread (including the driver's own I/O threads, where completions
 * re-issue requests), concurrently.
 *
 * <p>Fairness rules for adapters (the Java driver's one, {@link JavaDriver}, is the reference):
 *
 * <ul>
 *   <li>Protocol v4, one connection per node, no compression, no tracing, the driver's default
 *       consistency (LOCAL_ONE), the given request timeout, enough stream ids per connection for
 *       1,024 requests in flight, schema metadata off if the driver has such a switch.
 *   <li>On a ring ({@link Topology#multiNode()}): every node given as a contact point, the driver's
 *       default load-balancing policy (token-aware in both drivers), with whatever metadata it
 *       needs to route by token, which the adapter checks before the measurement.
 *   <li>Prepared statements, bound with typed setters (no boxing where the API allows it).
 *   <li>Reads consume every cell of every row, positionally, and fold each row once into {@link
 *       BenchData#checksum}; the returned stage completes after that, on whatever thread the driver
 *       completes its own future on. The 100-row read needs no second page (every driver's default
 *       page size holds it), so only the first page is read.
 * </ul>
 */
public interface DriverUnderTest extends AutoCloseable {

  /** What is measured, e.g. {@code "Java driver 4.19.3"}. */
  String description();

  /**
   * Connects to the target's nodes.
   *
   * @param settings the contact points, data center and request timeout
   * @throws Exception if the driver cannot connect
   */
  void connect(ConnectSettings settings) throws Exception;

  /**
   * Prepares {@link BenchData#INSERT}, {@link BenchData#SELECT_ONE} and {@link
   * BenchData#SELECT_PARTITION}.
   *
   * @throws Exception if a statement cannot be prepared
   */
  void prepareAll() throws Exception;

  /**
   * Inserts one row.
   *
   * @param row the row to bind
   * @return completes (with 0) when the write is acknowledged
   */
  CompletionStage<Long> insert(BenchData.Item row);

  /**
   * Reads one row by its primary key and consumes every cell.
   *
   * @param pk the partition key
   * @param ck the clustering key
   * @return completes with the checksum of the row read
   */
  CompletionStage<Long> selectOne(long pk, int ck);

  /**
   * Reads one whole partition and consumes every cell of every row.
   *
   * @param pk the partition key
   * @return completes with the sum of the rows' checksums
   */
  CompletionStage<Long> selectPartition(long pk);

  /** Closes the driver and waits for it to release its threads. */
  @Override
  void close();
}
