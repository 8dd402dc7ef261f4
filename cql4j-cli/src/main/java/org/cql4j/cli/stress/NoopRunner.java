package org.cql4j.cli.stress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.session.QueryResult;

/**
 * Runs operations without a driver call, to measure the stress tool's own cost: it generates each
 * operation's values into a per-thread scratch buffer, as a request frame would get them, and
 * completes at once. Thread-safe.
 */
final class NoopRunner implements OperationRunner {
  private static final CompletableFuture<QueryResult> DONE =
      CompletableFuture.completedFuture(null);

  private final PreparedOperation[] operations;
  private final ThreadLocal<ByteBuf> scratch = ThreadLocal.withInitial(() -> Unpooled.buffer(512));
  private long sink; // a plain field: racy on purpose, it only keeps the writes observable

  NoopRunner(List<PreparedOperation> operations) {
    this.operations = operations.toArray(new PreparedOperation[0]);
  }

  @Override
  public CompletableFuture<QueryResult> run(int op, long index) {
    PreparedOperation operation = operations[op];
    ByteBuf buffer = scratch.get().clear();
    RowWriter writer = new RowWriter(buffer);
    operation.row(index).serialize(operation.statement().variables(), writer);
    sink += buffer.writerIndex();
    return DONE;
  }
}
