package org.parley.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * The results of one run: a Markdown document for people and a JSON document with every number (including
 * each step of each search) for tools. Sections are added as scenarios finish and both files are rewritten
 * each time, so an interrupted run still leaves what it measured.
 */
public final class Report {
    private final Path dir;
    private final String title;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final StringBuilder markdown = new StringBuilder();

    public Report(Path dir, String title) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.title = title;
    }

    public Path dir() {
        return dir;
    }

    public void put(String key, Object value) {
        json.put(key, value);
    }

    public void section(String heading, String text) {
        markdown.append("\n## ").append(heading).append("\n\n").append(text.strip()).append('\n');
    }

    public void write() throws IOException {
        Files.writeString(dir.resolve("results.json"),
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json) + "\n");
        Files.writeString(dir.resolve("results.md"), "# " + title + "\n" + markdown);
    }

    /** A Markdown table. */
    public static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        headers.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** A number with thousands separators and no decimals. */
    public static String count(double value) {
        return String.format("%,.0f", value);
    }

    public static String ms(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
}
