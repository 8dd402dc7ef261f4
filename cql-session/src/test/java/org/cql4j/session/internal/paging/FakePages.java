package org.cql4j.session.internal.paging;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.result.RowsFixtures;

/**
 * A fake paged query over people rows 0..total-1, pageSize rows per page; the paging state is the
 * next offset. Pages complete at once unless made manual; a page can be made to fail. Thread-safe.
 */
final class FakePages implements PageFetcher {
  final int total;
  final int pageSize;
  final List<Integer> fetchedOffsets = new ArrayList<>();
  final Map<Integer, CompletableFuture<QueryPage>> futures = new HashMap<>();
  final Map<Integer, RuntimeException> failures = new HashMap<>();
  final List<Integer> emptyPagesAt = new ArrayList<>();
  boolean manual;

  FakePages(int total, int pageSize) {
    this.total = total;
    this.pageSize = pageSize;
  }

  @Override
  public synchronized CompletableFuture<QueryPage> fetch(PagingState state) {
    int offset = state.isStart() ? 0 : ByteBuffer.wrap(state.rawBytes().orElseThrow()).getInt();
    fetchedOffsets.add(offset);
    CompletableFuture<QueryPage> f = new CompletableFuture<>();
    futures.put(offset, f);
    if (!manual) {
      complete(offset);
    }
    return f;
  }

  /** Completes the page at an offset (with its failure, if one was set). */
  void complete(int offset) {
    CompletableFuture<QueryPage> f;
    synchronized (this) {
      f = futures.get(offset);
    }
    RuntimeException failure = failures.get(offset);
    if (failure != null) {
      f.completeExceptionally(failure);
      return;
    }
    boolean empty;
    synchronized (this) {
      empty = emptyPagesAt.remove((Integer) offset);
    }
    // an empty page resumes at its own offset; a full one at its end
    int end = empty ? offset : Math.min(total, offset + pageSize);
    byte[] state = empty || end < total ? ByteBuffer.allocate(4).putInt(end).array() : null;
    f.complete(
        QueryResults.page(RowsFixtures.people(offset, end, state), null, List.of(), null, null));
  }

  synchronized CompletableFuture<QueryPage> future(int offset) {
    return futures.get(offset);
  }

  synchronized List<Integer> fetched() {
    return List.copyOf(fetchedOffsets);
  }
}
