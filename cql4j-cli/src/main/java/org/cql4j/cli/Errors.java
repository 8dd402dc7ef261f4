package org.cql4j.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line a command-line user reads. Stateless, thread-safe. */
public final class Errors {

  private Errors() {}

  /**
   * The failure's message, unwrapped from completion wrappers, prefixed with its simple class name
   * when that name says something the message does not (e.g. {@code InvalidQueryException}).
   *
   * @param error the failure
   * @return one line (no stack trace)
   */
  public static String describe(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return kind;
    }
    return kind + ": " + message.strip();
  }
}
