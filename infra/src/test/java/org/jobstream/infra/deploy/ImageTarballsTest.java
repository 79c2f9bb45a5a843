package org.jobstream.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The services' container images, as the profile {@code images} builds them (./jobstream test):
 * each OCI tarball is a readable image layout whose digests hold, whose command starts the
 * service's main class with the Java runtime inside the image, which exposes the service's port,
 * runs as no root user and carries no secrets.
 */
@EnabledIfSystemProperty(named = "jobstream.images", matches = "true",
        disabledReason = "images are built with the profile images (./jobstream test)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageTarballsTest {

    static final List<String> SERVICES = ServiceModule.NAMES;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|credential|private|access_key|api_key).*");
    private static final Pattern SECRET_FILE =
            Pattern.compile("(?i).*(\\.pem|\\.key|\\.p12|\\.pfx|\\.jks|id_rsa.*|id_ed25519.*|\\.env|credentials|\\.jobstream)$");
    private static final byte[] PRIVATE_KEY = "PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Image> images = new LinkedHashMap<>();
    private Path work;

    record Image(ServiceModule module, Path layout, JsonNode manifest, JsonNode config, Path rootfs) {}

    @BeforeAll
    void unpackEachImage() throws Exception {
        work = Files.createTempDirectory("jobstream-images");
        for (String name : SERVICES) {
            ServiceModule module = ServiceModule.load(name);
            Path tarball = module.dir().resolve("target/jib-image.tar");
            assertThat(tarball).as("the image of %s (mvn -Pimages package)", name).isRegularFile();
            Path layout = Files.createDirectories(work.resolve(name + "/layout"));
            run(List.of("tar", "-xf", tarball.toString(), "-C", layout.toString()));
            JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
            assertThat(index.path("manifests")).as("%s index.json", name).hasSize(1);
            JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0)).toFile());
            JsonNode config = JSON.readTree(blob(layout, manifest.path("config")).toFile());
            Path rootfs = Files.createDirectories(work.resolve(name + "/rootfs"));
            for (JsonNode layer : manifest.path("layers")) {
                run(List.of("tar", "-xzf", layout.resolve("blobs/sha256/" + hex(layer)).toString(), "-C", rootfs.toString()));
            }
            images.put(name, new Image(module, layout, manifest, config, rootfs));
        }
    }

    @AfterAll
    void removeUnpacked() throws IOException {
        if (work != null) {
            run(List.of("rm", "-rf", work.toString()));
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void isAnOciLayoutWhoseBlobsMatchTheirDigests(String name) throws Exception {
        Image image = images.get(name);
        assertThat(JSON.readTree(image.layout().resolve("oci-layout").toFile()).path("imageLayoutVersion").asText())
                .isEqualTo("1.0.0");
        assertThat(image.manifest().path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(image.config().path("os").asText()).isEqualTo("linux");
        assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
        List<JsonNode> blobs = new ArrayList<>();
        blobs.add(image.manifest().path("config"));
        image.manifest().path("layers").forEach(blobs::add);
        for (JsonNode descriptor : blobs) {
            Path blob = image.layout().resolve("blobs/sha256/" + hex(descriptor));
            assertThat(Files.size(blob)).as("size of %s", blob.getFileName()).isEqualTo(descriptor.path("size").asLong());
            assertThat(sha256(blob)).as("digest of %s", blob.getFileName()).isEqualTo(hex(descriptor));
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsTheServicesMainClassAsNoRootUserOnItsPort(String name) {
        Image image = images.get(name);
        JsonNode config = image.config().path("config");
        List<String> entrypoint = strings(config.path("Entrypoint"));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).last().isEqualTo(image.module().mainClass());
        assertThat(entrypoint).containsSequence("-cp", "@/app/jib-classpath-file");
        assertThat(config.path("Cmd").isMissingNode() || config.path("Cmd").isEmpty()).isTrue();
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactly(image.module().port() + "/tcp");
        String user = config.path("User").asText();
        assertThat(user).isNotBlank().doesNotStartWith("0:").isNotEqualTo("0").isNotEqualTo("root");
        String mainClassFile = "app/classes/" + image.module().mainClass().replace('.', '/') + ".class";
        assertThat(image.rootfs().resolve(mainClassFile)).isRegularFile();
        assertThat(image.rootfs().resolve("opt/java/openjdk/bin/java")).isExecutable();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void carriesNoSecrets(String name) throws IOException {
        Image image = images.get(name);
        for (String env : strings(image.config().path("config").path("Env"))) {
            assertThat(env.substring(0, env.indexOf('='))).as("an environment variable baked in").doesNotMatch(SECRET_NAME);
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(image.rootfs())) {
            files.forEach(file -> {
                String path = "/" + image.rootfs().relativize(file);
                if (SECRET_FILE.matcher(path).matches()) {
                    found.add(path);
                }
                if (Files.isRegularFile(file) && path.startsWith("/app/")) {
                    if (path.startsWith("/app/libs/") && path.endsWith(".jar")) {
                        if (path.startsWith("/app/libs/shared-")) {
                            found.addAll(privateKeysInJar(file, path));
                        }
                    } else if (contains(file, PRIVATE_KEY)) {
                        found.add(path);
                    }
                }
            });
        }
        assertThat(found).as("keys or credentials in the image of %s", name).isEmpty();
    }

    /**
     * The image's own command, with the JVM's {@code --dry-run} (create the VM, load the main class,
     * do not run it), in the unpacked image as its user: the runtime inside is complete and the class
     * path names what is there. Needs root (chroot) and unshare (a /proc for the runtime's loader).
     */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void itsCommandLoadsTheMainClassWithTheRuntimeInside(String name) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chroot into the image");
        Path unshare = Path.of("/usr/bin/unshare");
        Path chroot = Path.of("/usr/sbin/chroot");
        assumeTrue(Files.isExecutable(unshare) && Files.isExecutable(chroot), "needs unshare and chroot");
        Image image = images.get(name);
        JsonNode config = image.config().path("config");
        List<String> entrypoint = strings(config.path("Entrypoint"));
        Path proc = Files.createDirectories(image.rootfs().resolve("proc"));
        List<String> command = new ArrayList<>(List.of(unshare.toString(), "--fork", "--pid", "--mount",
                "--mount-proc=" + proc, chroot.toString(), "--userspec=" + config.path("User").asText(),
                image.rootfs().toString(), entrypoint.get(0), "--dry-run"));
        command.addAll(entrypoint.subList(1, entrypoint.size()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        for (String env : strings(config.path("Env"))) {
            builder.environment().put(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s --dry-run: %s", String.join(" ", entrypoint), output).isZero();
    }

    private static List<String> privateKeysInJar(Path jar, String path) {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(entry -> {
                if (SECRET_FILE.matcher(entry.getName()).matches()) {
                    found.add(path + "!/" + entry.getName());
                    return;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (indexOf(in.readAllBytes(), PRIVATE_KEY) >= 0) {
                        found.add(path + "!/" + entry.getName());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static boolean contains(Path file, byte[] marker) {
        try {
            return indexOf(Files.readAllBytes(file), marker) >= 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static String hex(JsonNode descriptor) {
        String digest = descriptor.path("digest").asText();
        assertThat(digest).startsWith("sha256:");
        return digest.substring("sha256:".length());
    }

    private static Path blob(Path layout, JsonNode descriptor) {
        return layout.resolve("blobs/sha256/" + hex(descriptor));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
