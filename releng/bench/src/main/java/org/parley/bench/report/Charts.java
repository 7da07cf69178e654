package org.parley.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts (JFreeChart, headless). Every chart carries the machine line in its subtitle. */
public final class Charts {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final Color[] PARLEY = {new Color(0x6baed6), new Color(0x2171b5), new Color(0x08306b)};
    private static final Color[] REFERENCE = {new Color(0xfc9272), new Color(0xde2d26), new Color(0x67000d)};

    private Charts() {
    }

    /** A named line: (x, y) points. */
    public record Line(String name, List<double[]> points) {
    }

    /** Lines on a linear x axis and a linear or logarithmic y axis. */
    public static void lines(Path file, String title, String subtitle, String xLabel, String yLabel, boolean logY,
            List<Line> lines) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            for (double[] p : line.points()) {
                if (!logY || p[1] > 0) {
                    series.add(p[0], p[1]);
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (logY) {
            LogarithmicAxis axis = new LogarithmicAxis(yLabel);
            axis.setStrictValuesFlag(false);
            axis.setAllowNegativesFlag(false);
            plot.setRangeAxis(axis);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int[] perServer = new int[2];
        for (int i = 0; i < lines.size(); i++) {
            // One hue per server (Parley blue, the reference red), darker for higher percentiles.
            boolean parley = lines.get(i).name().startsWith("Parley");
            int shade = perServer[parley ? 0 : 1]++;
            Color[] hues = parley ? PARLEY : REFERENCE;
            renderer.setSeriesPaint(i, hues[Math.min(shade, hues.length - 1)]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Grouped bars: for each category (e.g. room size), one bar per series (e.g. server). */
    public static void bars(Path file, String title, String subtitle, String categoryLabel, String valueLabel,
            Map<String, Map<String, Double>> seriesToCategoryValues) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        seriesToCategoryValues.forEach((series, values) -> values.forEach((category, value) -> data.addValue(value, series, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        int[] perServer = new int[2];
        for (int i = 0; i < data.getRowCount(); i++) {
            // One hue per server; several series of one (a node and a cluster) in its darker shades, in turn.
            boolean parley = data.getRowKey(i).toString().startsWith("Parley");
            Color[] hues = parley ? PARLEY : REFERENCE;
            int shade = perServer[parley ? 0 : 1]++;
            chart.getCategoryPlot().getRenderer().setSeriesPaint(i, hues[(1 + shade) % hues.length]);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
