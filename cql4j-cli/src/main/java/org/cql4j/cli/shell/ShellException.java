package org.cql4j.cli.shell;

/**
 * A shell command that cannot run as written (an unknown level, a missing name); the shell prints
 * its message as {@code Error: ...} and goes on. Immutable and thread-safe.
 */
public final class ShellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, for the user
   */
  public ShellException(String message) {
    super(message);
  }
}
