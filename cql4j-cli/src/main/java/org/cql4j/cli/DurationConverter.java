package org.cql4j.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration written as a number and a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code
 * 1h}) or in ISO-8601 ({@code PT30S}). Stateless, thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  /** Creates the converter; picocli calls this. */
  public DurationConverter() {}

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses a duration.
   *
   * @param value e.g. {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h} or {@code PT30S}
   * @return the duration
   * @throws TypeConversionException naming the value if it is not a duration
   */
  public static Duration parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(value.strip());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // falls through to the one error below
    }
    throw new TypeConversionException(
        "'" + value + "' is not a duration; write e.g. 250ms, 30s, 5m or 1h");
  }
}
