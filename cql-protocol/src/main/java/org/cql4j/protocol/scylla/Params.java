package org.cql4j.protocol.scylla;

import java.util.List;
import java.util.Map;
import org.cql4j.protocol.ProtocolException;

/** Parses extension parameters of SUPPORTED. Stateless and thread-safe. */
final class Params {
  private Params() {}

  /** The first value of {@code key}, or {@code null} when absent or empty. */
  static String first(Map<String, List<String>> options, String key) {
    List<String> values = options.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The value of {@code NAME=VALUE} among the values of {@code key}. */
  static String param(Map<String, List<String>> options, String key, String name) {
    List<String> values = options.get(key);
    if (values != null) {
      for (String v : values) {
        if (v.startsWith(name + "=")) {
          return v.substring(name.length() + 1);
        }
      }
    }
    throw new ProtocolException("SUPPORTED." + key, -1, "missing parameter " + name);
  }

  static int signedInt(Map<String, List<String>> options, String key, String name) {
    String v = param(options, key, name);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ProtocolException("SUPPORTED." + key + "." + name, -1, "not an integer: " + v);
    }
  }

  static long unsignedInt(Map<String, List<String>> options, String key, String name) {
    String v = param(options, key, name);
    try {
      return Integer.toUnsignedLong(Integer.parseUnsignedInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new ProtocolException(
          "SUPPORTED." + key + "." + name, -1, "not a 32-bit unsigned integer: " + v);
    }
  }

  /** A decimal value of {@code key} as an int in [min, max], or -1 when the key is absent. */
  static int intValue(Map<String, List<String>> options, String key, int min, int max) {
    String v = first(options, key);
    if (v == null) {
      return -1;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new ProtocolException(
            "SUPPORTED." + key, -1, n + " is out of range " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ProtocolException("SUPPORTED." + key, -1, "not an integer: " + v);
    }
  }
}
