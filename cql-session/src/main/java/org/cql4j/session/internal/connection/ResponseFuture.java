package org.cql4j.session.internal.connection;

import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.frame.ResponseEnvelope;

/**
 * The future of the future-returning {@code Connection.send}: a response nobody can receive any
 * more (the future was cancelled) is released.
 */
final class ResponseFuture extends CompletableFuture<ResponseEnvelope> implements ResponseCallback {
  @Override
  public void onResponse(ResponseEnvelope response) {
    if (!complete(response)) {
      ReferenceCountUtil.release(response.message());
    }
  }

  @Override
  public void onFailure(Throwable error) {
    completeExceptionally(error);
  }

  @Override
  public boolean isCancelled() {
    return isDone();
  }
}
