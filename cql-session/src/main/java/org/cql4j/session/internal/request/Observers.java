package org.cql4j.session.internal.request;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.session.Node;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's {@link RequestListener}s, called so that one that throws never fails a request and
 * is logged once. Thread-safe (immutable, plus a concurrent set of listeners that threw).
 */
public final class Observers {
  private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

  /** No listener: every call is a cheap no-op. */
  public static final Observers NONE = new Observers(List.of());

  private final RequestListener[] listeners;
  private final Set<RequestListener> warned = ConcurrentHashMap.newKeySet();

  /**
   * Creates the observers.
   *
   * @param listeners the session's listeners
   */
  public Observers(List<RequestListener> listeners) {
    this.listeners = listeners.toArray(RequestListener[]::new);
  }

  /** Whether there is no listener, so callers can skip computing what they would pass. */
  boolean isEmpty() {
    return listeners.length == 0;
  }

  void onStart(RequestDescription request) {
    for (RequestListener l : listeners) {
      try {
        l.onStart(request);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
    for (RequestListener l : listeners) {
      try {
        l.onSuccess(request, latency, coordinator);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  void onError(RequestDescription request, Duration latency, Throwable error) {
    for (RequestListener l : listeners) {
      try {
        l.onError(request, latency, error);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  void onAttemptStart(RequestDescription request, Node node, int execution) {
    for (RequestListener l : listeners) {
      try {
        l.onAttemptStart(request, node, execution);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  void onAttemptSuccess(RequestDescription request, Node node, int execution, Duration latency) {
    for (RequestListener l : listeners) {
      try {
        l.onAttemptSuccess(request, node, execution, latency);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  void onAttemptError(
      RequestDescription request, Node node, int execution, Duration latency, Throwable error) {
    for (RequestListener l : listeners) {
      try {
        l.onAttemptError(request, node, execution, latency, error);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  void onSpeculativeExecution(RequestDescription request, int execution) {
    for (RequestListener l : listeners) {
      try {
        l.onSpeculativeExecution(request, execution);
      } catch (RuntimeException e) {
        warn(l, e);
      }
    }
  }

  private void warn(RequestListener listener, RuntimeException e) {
    if (warned.add(listener)) {
      LOG.warn("request listener {} threw (logged once, requests go on)", listener, e);
    }
  }
}
