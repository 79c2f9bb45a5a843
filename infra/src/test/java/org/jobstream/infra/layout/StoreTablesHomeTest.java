package org.jobstream.infra.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Axon's tables are an undocumented contract with a library's internals: only {@code shared-store}
 * may name them (in its migrations, its readers and its row-level access for tools and tests).
 * Every other module goes through that module's classes.
 */
class StoreTablesHomeTest {

    private static final Pattern AXON_TABLES = Pattern.compile(
            "domainevententry|snapshotevententry|tokenentry|deadletterentry|sagaentry|associationvalueentry");

    @Test
    void onlySharedStoreNamesAxonsTables() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("shared-store")).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(StoreTablesHomeTest::isSource)
                    .filter(file -> !root.relativize(file).startsWith("shared-store"))
                    .filter(file -> !file.endsWith(Path.of("layout", "StoreTablesHomeTest.java")))
                    .filter(file -> AXON_TABLES.matcher(read(file).toLowerCase(Locale.ROOT)).find())
                    .map(file -> root.relativize(file).toString())
                    .toList();
        }
        assertThat(offenders).as("files outside shared-store that name Axon's tables").isEmpty();
    }

    private static boolean isSource(Path file) {
        String path = file.toString();
        if (path.contains("/target/") || path.contains("/.jobstream/") || path.contains("/node_modules/")
                || path.contains("/.git/")) {
            return false;
        }
        return path.endsWith(".java") || path.endsWith(".sql") || path.endsWith(".sh") || path.endsWith(".yml")
                || path.endsWith(".yaml") || path.endsWith(".properties");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
