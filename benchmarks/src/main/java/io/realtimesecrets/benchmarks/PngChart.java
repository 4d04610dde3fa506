package io.realtimesecrets.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The benchmarks' PNG charts: a stack of line panels over one x axis (seconds, usually), drawn with AWT so the
 * benchmarks need no charting library. The soak and the fleet simulation draw with it.
 */
public final class PngChart {

  /** One line of a panel: its legend, colour and the y value of each point. */
  public record Series<T>(String name, Color color, ToDoubleFunction<T> y) {
  }

  /** One panel: a title and its lines. */
  public record Panel<T>(String title, List<Series<T>> series) {
  }

  private PngChart() {
  }

  /**
   * Draws the panels one under the other, 1000 px wide, and writes the PNG.
   *
   * @param points the points, in x order
   * @param x the x value of a point (0 at the left edge, the largest value at the right edge)
   * @param xLabel the x axis caption
   * @param panels the panels, top to bottom
   * @param png the file to write (its directory is created)
   * @param <T> the point type
   * @throws java.io.IOException when the file cannot be written
   */
  public static <T> void write(List<T> points, ToDoubleFunction<T> x, String xLabel, List<Panel<T>> panels, Path png)
      throws java.io.IOException {
    int w = 1000;
    int ph = 260;
    int left = 70;
    int right = 20;
    int top = 30;
    int gap = 50;
    int n = panels.size();
    BufferedImage img = new BufferedImage(w, top + n * ph + (n - 1) * gap + 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double xMax = points.stream().mapToDouble(x).max().orElse(1);
    for (int i = 0; i < n; i++) {
      panel(g, points, x, xMax, left, top + i * (ph + gap), w - left - right, ph, panels.get(i));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(xLabel, left + (w - left - right) / 2, img.getHeight() - 10);
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  private static <T> void panel(Graphics2D g, List<T> points, ToDoubleFunction<T> xOf, double xMax, int x, int y,
      int w, int h, Panel<T> panel) {
    double max = 0;
    for (Series<T> s : panel.series()) {
      for (T p : points) {
        max = Math.max(max, s.y().applyAsDouble(p));
      }
    }
    max = max <= 0 ? 1 : max * 1.1;
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), x, y - 8);
    g.setColor(new Color(0xDDDDDD));
    for (int i = 0; i <= 4; i++) {
      int yy = y + h - i * h / 4;
      g.drawLine(x, yy, x + w, yy);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, max < 4 ? "%.1f" : "%.0f", max * i / 4), x - 50, yy + 4);
      g.setColor(new Color(0xDDDDDD));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString("0", x, y + h + 14);
    g.drawString(String.format(Locale.ROOT, "%.0f", xMax), x + w - 20, y + h + 14);
    g.setStroke(new BasicStroke(1.6f));
    List<Series<T>> series = panel.series();
    for (int k = 0; k < series.size(); k++) {
      Series<T> s = series.get(k);
      g.setColor(s.color());
      int px = -1;
      int py = -1;
      for (T p : points) {
        int sx = x + (int) (xOf.applyAsDouble(p) / xMax * w);
        int sy = y + h - (int) (s.y().applyAsDouble(p) / max * h);
        if (px >= 0) {
          g.drawLine(px, py, sx, sy);
        }
        px = sx;
        py = sy;
      }
    }
    // the legend on a white box drawn last, so no line runs through it
    g.setColor(Color.WHITE);
    g.fillRect(x + w - 236, y + 2, 226, series.size() * 16 + 6);
    g.setColor(new Color(0xDDDDDD));
    g.drawRect(x + w - 236, y + 2, 226, series.size() * 16 + 6);
    for (int k = 0; k < series.size(); k++) {
      g.setColor(series.get(k).color());
      g.fillRect(x + w - 230, y + 6 + k * 16, 10, 10);
      g.drawString(series.get(k).name(), x + w - 215, y + 15 + k * 16);
    }
  }
}
