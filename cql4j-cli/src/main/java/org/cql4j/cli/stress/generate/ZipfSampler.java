package org.cql4j.cli.stress.generate;

/**
 * Draws from a Zipf distribution over 1..n in constant expected time, without tables, by
 * rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates from
 * monotone discrete distributions", ACM TOMACS 6(3), 1996). Immutable and thread-safe: a draw is a
 * function of (salt, index).
 */
final class ZipfSampler {
  private final long n;
  private final double exponent;
  private final double hIntegralX1;
  private final double hIntegralN;
  private final double s;

  ZipfSampler(long n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("zipf needs at least one element, not " + n);
    }
    if (!(exponent > 0)) {
      throw new IllegalArgumentException("zipf needs an exponent above 0, not " + exponent);
    }
    this.n = n;
    this.exponent = exponent;
    this.hIntegralX1 = hIntegral(1.5) - 1;
    this.hIntegralN = hIntegral(n + 0.5);
    this.s = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  }

  long sample(long salt, long index) {
    long bits = Mix.bits(salt, index);
    while (true) {
      double u = hIntegralN + Mix.unit(bits) * (hIntegralX1 - hIntegralN);
      double x = hIntegralInverse(u);
      long k = Math.max(1, Math.min(n, (long) (x + 0.5)));
      if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
        return k;
      }
      bits = Mix.mix(bits + Mix.GAMMA); // the next uniform of this draw's own stream
    }
  }

  private double h(double x) {
    return Math.exp(-exponent * Math.log(x));
  }

  private double hIntegral(double x) {
    double logX = Math.log(x);
    return expm1OverX((1 - exponent) * logX) * logX;
  }

  private double hIntegralInverse(double x) {
    double t = Math.max(-1, x * (1 - exponent));
    return Math.exp(log1pOverX(t) * x);
  }

  /** (e^x - 1) / x, accurate near 0. */
  private static double expm1OverX(double x) {
    return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + x * 0.25));
  }

  /** log(1 + x) / x, accurate near 0. */
  private static double log1pOverX(double x) {
    return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
  }
}
