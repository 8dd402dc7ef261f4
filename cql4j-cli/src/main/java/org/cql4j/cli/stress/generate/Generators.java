package org.cql4j.cli.stress.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a generator expression of a workload ({@code seq(1, 1000)}, {@code uniform(0, 99)}, {@code
 * zipf(1000000, 1.1)}, {@code text(10)}, {@code text(5, 50)}, {@code blob(1024)}, {@code uuid()},
 * {@code now()}, or a constant number). Stateless, thread-safe.
 */
public final class Generators {
  private static final Pattern CALL = Pattern.compile("([a-zA-Z_]+)\\s*\\((.*)\\)");

  /** What {@link #parse} accepts, for error messages and the docs. */
  public static final String SYNTAX =
      "seq(start, end), uniform(min, max), zipf(n, exponent), text(length), text(min, max),"
          + " blob(length), blob(min, max), uuid(), now() or a number";

  private Generators() {}

  /**
   * Parses one generator expression.
   *
   * @param name the generator's name in the workload (salts its random stream)
   * @param expression the expression
   * @param seed the run's seed: the same seed gives the same values
   * @return the generator
   * @throws IllegalArgumentException naming the expression and what is accepted
   */
  public static Generator parse(String name, String expression, long seed) {
    String text = expression.strip();
    long salt = Mix.mix(seed ^ Mix.mix(name.hashCode() * Mix.GAMMA));
    if (text.matches("-?\\d+")) {
      long value = Long.parseLong(text);
      return NumberGenerator.sequence(text, value, value);
    }
    Matcher call = CALL.matcher(text);
    if (!call.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a generator; write one of " + SYNTAX);
    }
    String function = call.group(1).toLowerCase(Locale.ROOT);
    List<String> args = arguments(call.group(2));
    try {
      return switch (function) {
        case "seq", "sequence" -> {
          arity(text, args, 2, 2);
          long start = longArg(args.get(0));
          long end = longArg(args.get(1));
          if (end < start) {
            throw new IllegalArgumentException(text + ": the end is below the start");
          }
          yield NumberGenerator.sequence(text, start, end);
        }
        case "uniform" -> {
          arity(text, args, 2, 2);
          long min = longArg(args.get(0));
          long max = longArg(args.get(1));
          if (max < min) {
            throw new IllegalArgumentException(text + ": the maximum is below the minimum");
          }
          yield NumberGenerator.uniform(text, salt, min, max);
        }
        case "zipf" -> {
          arity(text, args, 2, 2);
          yield NumberGenerator.zipf(
              text, salt, longArg(args.get(0)), Double.parseDouble(args.get(1)));
        }
        case "text", "blob" -> {
          arity(text, args, 1, 2);
          int min = (int) longArg(args.get(0));
          int max = args.size() == 2 ? (int) longArg(args.get(1)) : min;
          yield new BytesGenerator(text, salt, min, max, function.equals("text"));
        }
        case "uuid" -> {
          arity(text, args, 0, 0);
          yield new UuidGenerator(text, salt);
        }
        case "now" -> {
          arity(text, args, 0, 0);
          yield NumberGenerator.clock(text);
        }
        default ->
            throw new IllegalArgumentException(
                "unknown generator '" + function + "'; write one of " + SYNTAX);
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          text + ": an argument is not a number (" + e.getMessage() + ")");
    }
  }

  private static List<String> arguments(String list) {
    List<String> args = new ArrayList<>();
    if (!list.isBlank()) {
      for (String arg : list.split(",")) {
        args.add(arg.strip().replace("_", ""));
      }
    }
    return args;
  }

  private static void arity(String text, List<String> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      String expected = min == max ? String.valueOf(min) : min + " or " + max;
      throw new IllegalArgumentException(
          text + " takes " + expected + " argument(s), not " + args.size());
    }
  }

  private static long longArg(String arg) {
    return Long.parseLong(arg);
  }
}
