package org.jobstream.infra.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One of the three services as its module describes it: its application.yml (port, actuator, the
 * properties it reads) and its main class (the one annotated {@code @SpringBootApplication}).
 */
record ServiceModule(String name, Path dir, Map<String, Object> applicationYml, String mainClass) {

    static final List<String> NAMES = List.of("command-service", "query-service", "projections");

    static Path root() {
        String root = System.getProperty("jobstream.root");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(dir.resolve("jobstream"))) {
            throw new IllegalStateException("not the project's root (no ./jobstream): " + dir);
        }
        return dir;
    }

    static List<ServiceModule> all() {
        return NAMES.stream().map(ServiceModule::load).toList();
    }

    static ServiceModule load(String name) {
        Path dir = root().resolve(name);
        return new ServiceModule(name, dir, flatten(readYaml(dir.resolve("src/main/resources/application.yml"))),
                findMainClass(dir.resolve("src/main/java")));
    }

    int port() {
        return Integer.parseInt(String.valueOf(applicationYml.get("server.port")));
    }

    private static Map<String, Object> readYaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> yaml = new Yaml().load(in);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dotted keys (list items as {@code key[0]}), as Spring Boot names the properties. */
    static Map<String, Object> flatten(Map<String, Object> yaml) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", yaml, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, flat));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(prefix, value);
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private static String findMainClass(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> mains = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("@SpringBootApplication"))
                    .map(f -> {
                        Matcher m = PACKAGE.matcher(read(f));
                        String simple = f.getFileName().toString().replace(".java", "");
                        return m.find() ? m.group(1) + "." + simple : simple;
                    })
                    .toList();
            if (mains.size() != 1) {
                throw new IllegalStateException("expected one @SpringBootApplication under " + sources + ": " + mains);
            }
            return mains.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
