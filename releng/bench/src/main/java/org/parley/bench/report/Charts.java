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
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
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
            LogAxis axis = new LogAxis(yLabel);
            axis.setBase(10);
            axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
            axis.setSmallestValue(0.01);
            plot.setRangeAxis(axis);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < lines.size(); i++) {
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
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
