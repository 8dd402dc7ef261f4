package org.cql4j.session.internal.request;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.cql4j.session.Node;
import org.cql4j.session.observability.HistoryListener;
import org.cql4j.session.policy.RetryDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's side of a statement's {@link HistoryListener}: remembers the request's id and
 * passes the ids back; a listener that throws is logged once and ignored. {@link #NONE}, for
 * statements without a listener, does nothing and costs no allocation. Thread-safe as far as its
 * listener is.
 */
class History {
  private static final Logger LOG = LoggerFactory.getLogger(History.class);
  // listeners belong to statements, which outlive no session in particular: weak keys
  private static final Map<HistoryListener, Boolean> WARNED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** No listener. */
  static final History NONE = new History(null, -1);

  private final HistoryListener listener;
  private final long requestId;

  private History(HistoryListener listener, long requestId) {
    this.listener = listener;
    this.requestId = requestId;
  }

  /**
   * Starts a request's history.
   *
   * @param listener the statement's listener, or null
   * @return the request's history, or {@link #NONE}
   */
  static History of(HistoryListener listener) {
    if (listener == null) {
      return NONE;
    }
    try {
      return new History(listener, listener.onRequestStart());
    } catch (RuntimeException e) {
      new History(listener, -1).warn(e);
      return NONE;
    }
  }

  long speculativeFiberStart() {
    if (listener == null) {
      return -1;
    }
    try {
      return listener.onSpeculativeFiberStart(requestId);
    } catch (RuntimeException e) {
      warn(e);
      return -1;
    }
  }

  long attemptStart(long fiberId, Node node) {
    if (listener == null) {
      return -1;
    }
    try {
      return listener.onAttemptStart(requestId, fiberId, node.address());
    } catch (RuntimeException e) {
      warn(e);
      return -1;
    }
  }

  void attemptSuccess(long attemptId) {
    if (listener != null && attemptId >= 0) {
      try {
        listener.onAttemptSuccess(attemptId);
      } catch (RuntimeException e) {
        warn(e);
      }
    }
  }

  void attemptError(long attemptId, Throwable error, RetryDecision decision) {
    if (listener != null && attemptId >= 0) {
      try {
        listener.onAttemptError(attemptId, error, decision);
      } catch (RuntimeException e) {
        warn(e);
      }
    }
  }

  void requestSuccess() {
    if (listener != null) {
      try {
        listener.onRequestSuccess(requestId);
      } catch (RuntimeException e) {
        warn(e);
      }
    }
  }

  void requestError(Throwable error) {
    if (listener != null) {
      try {
        listener.onRequestError(requestId, error);
      } catch (RuntimeException e) {
        warn(e);
      }
    }
  }

  // once per listener, as for request listeners: a listener that always throws must not flood
  private void warn(RuntimeException e) {
    if (WARNED.putIfAbsent(listener, Boolean.TRUE) == null) {
      LOG.warn("history listener {} threw (logged once, requests go on)", listener, e);
    }
  }
}
