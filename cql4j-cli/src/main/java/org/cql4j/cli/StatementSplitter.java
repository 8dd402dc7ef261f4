package org.cql4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts typed or scripted CQL text into complete statements. Not thread-safe: it keeps the state of
 * the statement being typed (inside a quoted string, a {@code $$} string or a comment) between
 * lines.
 *
 * <p>A statement ends at a {@code ;} outside {@code '...'} strings, {@code "..."} identifiers,
 * {@code $$...$$} strings and comments ({@code -- ...}, {@code // ...} and {@code /* ... *}{@code
 * /}). Comments are left out of the statements returned; line breaks are kept.
 */
public final class StatementSplitter {

  private enum State {
    CODE,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    DOLLAR_QUOTED,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  private final StringBuilder current = new StringBuilder();
  private State state = State.CODE;

  /** Creates a splitter with nothing pending. */
  public StatementSplitter() {}

  /**
   * Splits a whole text (a file, or the argument of {@code -e}); a last statement without {@code ;}
   * counts as complete.
   *
   * @param text the text
   * @return the statements, trimmed, without their {@code ;}; empty statements left out
   */
  public static List<String> splitAll(String text) {
    StatementSplitter splitter = new StatementSplitter();
    List<String> statements = new ArrayList<>(splitter.feed(text));
    splitter.flush().ifPresent(statements::add);
    return statements;
  }

  /**
   * Adds a line (a line break is appended) and returns the statements it completed.
   *
   * @param line a line of input, without its line break
   * @return the completed statements, trimmed, without their {@code ;}; empty ones left out
   */
  public List<String> feed(String line) {
    List<String> complete = new ArrayList<>();
    String text = line + "\n";
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == ';') {
            String statement = current.toString().strip();
            if (!statement.isEmpty()) {
              complete.add(statement);
            }
            current.setLength(0);
          } else if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
            state = State.LINE_COMMENT;
            i++;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            current.append(' ');
            i++;
          } else {
            if (c == '\'') {
              state = State.SINGLE_QUOTED;
            } else if (c == '"') {
              state = State.DOUBLE_QUOTED;
            } else if (c == '$' && next == '$') {
              state = State.DOLLAR_QUOTED;
              current.append(c);
              i++;
              c = next;
            }
            current.append(c);
          }
        }
        case SINGLE_QUOTED, DOUBLE_QUOTED -> {
          // a doubled quote ('' or "") closes and reopens: the net state is the same
          current.append(c);
          if (c == (state == State.SINGLE_QUOTED ? '\'' : '"')) {
            state = State.CODE;
          }
        }
        case DOLLAR_QUOTED -> {
          current.append(c);
          if (c == '$' && next == '$') {
            current.append(next);
            i++;
            state = State.CODE;
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            current.append(c);
            state = State.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '\n') {
            current.append(c);
          } else if (c == '*' && next == '/') {
            state = State.CODE;
            i++;
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
      i++;
    }
    return complete;
  }

  /**
   * Whether nothing but white space and comments waits for a {@code ;}, and no string or comment is
   * open: a new statement starts on the next line.
   *
   * @return true when nothing is pending
   */
  public boolean isEmpty() {
    return state != State.BLOCK_COMMENT
        && state != State.SINGLE_QUOTED
        && state != State.DOUBLE_QUOTED
        && state != State.DOLLAR_QUOTED
        && current.toString().isBlank();
  }

  /**
   * The text typed since the last complete statement, comments left out.
   *
   * @return the pending text, trimmed
   */
  public String pending() {
    return current.toString().strip();
  }

  /**
   * Takes the pending text as a statement (for the end of a file, or a shell command that ends at
   * the end of its line) and starts afresh.
   *
   * @return the pending statement, trimmed, or empty if nothing but white space was pending
   */
  public Optional<String> flush() {
    String statement = pending();
    reset();
    return statement.isEmpty() ? Optional.empty() : Optional.of(statement);
  }

  /** Forgets the pending text (e.g. after Ctrl-C). */
  public void reset() {
    current.setLength(0);
    state = State.CODE;
  }
}
