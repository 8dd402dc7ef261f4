package org.cql4j.cli.stress.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a line chart as inline SVG, so that a report is one self-contained HTML file that needs no
 * script or network. Stateless, thread-safe.
 */
final class SvgChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 40;

  /**
   * One line of a chart.
   *
   * @param name its legend
   * @param color a CSS color
   * @param values one value per x
   */
  record Line(String name, String color, double[] values) {}

  private SvgChart() {}

  /**
   * Draws a chart.
   *
   * @param title the title above the plot
   * @param xLabel the x axis' label
   * @param yLabel the y axis' label
   * @param xs the x values, increasing
   * @param xTicks a label for each x, or {@code null} for six evenly spaced numbers
   * @param lines the lines to draw over them
   * @param logY a logarithmic y axis (for latencies, whose maximum is far above the median)
   * @return the {@code <svg>} element
   */
  static String draw(
      String title,
      String xLabel,
      String yLabel,
      double[] xs,
      String[] xTicks,
      List<Line> lines,
      boolean logY) {
    double xMin = xs.length == 0 ? 0 : xs[0];
    double xMax = xs.length == 0 ? 1 : Math.max(xs[xs.length - 1], xMin + 1e-9);
    double yMin = Double.MAX_VALUE;
    double yMax = 0;
    for (Line line : lines) {
      for (double v : line.values()) {
        if (!logY || v > 0) {
          yMin = Math.min(yMin, v);
        }
        yMax = Math.max(yMax, v);
      }
    }
    Scale y = logY ? Scale.log(yMin, yMax) : Scale.linear(0, yMax);
    StringBuilder s = new StringBuilder(8192);
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                + " height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
            LEFT,
            Html.escape(title)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (double tick : y.ticks()) {
      double py = TOP + plotH * (1 - y.position(tick));
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
              LEFT,
              LEFT + plotW,
              py,
              py));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
              LEFT - 6,
              py + 4,
              format(tick)));
    }
    if (xTicks == null) {
      double step = Scale.niceCeiling((xMax - xMin) / 5);
      for (double x = Math.ceil(xMin / step) * step; x <= xMax + step * 1e-9; x += step) {
        xTick(s, LEFT + plotW * (x - xMin) / (xMax - xMin), TOP + plotH + 16, format(x));
      }
    } else {
      for (int i = 0; i < xTicks.length; i++) {
        double px = LEFT + plotW * (xs[i] - xMin) / (xMax - xMin);
        xTick(s, px, TOP + plotH + 16, Html.escape(xTicks[i]));
      }
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            LEFT,
            TOP,
            plotW,
            plotH));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            LEFT + plotW / 2,
            HEIGHT - 6,
            Html.escape(xLabel)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
            TOP + plotH / 2,
            Html.escape(yLabel)));
    int legendX = LEFT + plotW;
    for (int l = lines.size() - 1; l >= 0; l--) {
      Line line = lines.get(l);
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < xs.length && i < line.values().length; i++) {
        double px = LEFT + plotW * (xs[i] - xMin) / (xMax - xMin);
        double py = TOP + plotH * (1 - y.position(line.values()[i]));
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n",
              line.color(),
              points.toString().strip()));
      legendX -= 8 + 7 * line.name().length() + 20;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"16\">%s</text>%n",
              legendX,
              line.color(),
              legendX + 16,
              Html.escape(line.name())));
    }
    return s.append("</svg>\n").toString();
  }

  private static void xTick(StringBuilder s, double px, int py, String label) {
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            px,
            py,
            label));
  }

  private static String format(double v) {
    if (v == 0) {
      return "0";
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }
    return String.format(Locale.ROOT, "%.3g", v)
        .replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }

  /** Maps values onto [0, 1] of the plot's height. */
  private record Scale(double min, double max, boolean log) {
    static Scale linear(double min, double max) {
      return new Scale(min, max <= min ? min + 1 : niceCeiling(max), false);
    }

    static Scale log(double min, double max) {
      if (min == Double.MAX_VALUE || max <= 0) {
        return new Scale(0.001, 1, true);
      }
      double lo = Math.pow(10, Math.floor(Math.log10(min)));
      double hi = Math.pow(10, Math.ceil(Math.log10(max)));
      return new Scale(lo, hi <= lo ? lo * 10 : hi, true);
    }

    double position(double v) {
      if (log) {
        return v <= 0 ? 0 : (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
      }
      return (v - min) / (max - min);
    }

    double[] ticks() {
      if (log) {
        int decades = (int) Math.round(Math.log10(max / min));
        double[] ticks = new double[decades + 1];
        for (int i = 0; i <= decades; i++) {
          ticks[i] = min * Math.pow(10, i);
        }
        return ticks;
      }
      double[] ticks = new double[6];
      for (int i = 0; i <= 5; i++) {
        ticks[i] = min + (max - min) * i / 5;
      }
      return ticks;
    }

    static double niceCeiling(double v) {
      if (!(v > 0)) {
        return 1;
      }
      double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
      for (double step : new double[] {1, 2, 2.5, 5, 10}) {
        if (step * magnitude >= v) {
          return step * magnitude;
        }
      }
      return 10 * magnitude;
    }
  }
}
