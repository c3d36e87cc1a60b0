package io.jenkins.plugins.mlpipeline.demo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writing the page to disk: UTF-8, parent directories, atomic replacement, nothing left behind. */
class ReportWriterFileTest {

    @TempDir
    Path directory;

    @Test
    void writesUtf8CreatingParentDirectories() throws Exception {
        Path file = directory.resolve("target/ml-demo/report.html");
        List<Map<String, Object>> runs = List.of(Map.of("name", "\u5B66\u7FD2-\u03A9-caf\u00E9"));
        ReportWriter.write(file, "R\u00E9sum\u00E9", runs, List.of());
        byte[] bytes = Files.readAllBytes(file);
        String page = new String(bytes, StandardCharsets.UTF_8);
        assertThat(page).contains("<meta charset=\"utf-8\"/>", "\u5B66\u7FD2-\u03A9-caf\u00E9", "R\u00E9sum\u00E9");
        assertThat(bytes).contains("caf\u00E9".getBytes(StandardCharsets.UTF_8));
        XhtmlDocument.parse(page);
        assertThat(listing(file.getParent())).containsExactly("report.html");
    }

    @Test
    void replacesAnEarlierReport() throws Exception {
        Path file = directory.resolve("report.html");
        Files.writeString(file, "old page, much longer than nothing".repeat(10_000));
        ReportWriter.write(file, "second", List.of(), List.of());
        String page = Files.readString(file);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>second</title>").doesNotContain("old page");
        assertThat(listing(directory)).containsExactly("report.html");
    }

    @Test
    void aDirectoryInTheWayFailsAndLeavesNoTemporaryFile() throws Exception {
        Path file = directory.resolve("report.html");
        Files.createDirectories(file.resolve("occupied"));
        assertThatThrownBy(() -> ReportWriter.write(file, "t", List.of(), List.of())).isInstanceOf(IOException.class);
        assertThat(listing(directory)).containsExactly("report.html");
        assertThat(file).isDirectory();
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
