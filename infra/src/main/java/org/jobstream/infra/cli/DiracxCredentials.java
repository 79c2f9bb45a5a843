package org.jobstream.infra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

/**
 * The credentials file DiracX's client reads: JSON with {@code access_token}, {@code refresh_token}
 * and {@code expires_on} (epoch seconds, a grace period before the token's expiry), at
 * {@code DIRACX_CREDENTIALS_PATH} or {@code ~/.cache/diracx/credentials.json}, readable by its owner
 * only. Without a refresh token the client uses the access token until {@code expires_on}, then
 * sends no token (the user logs in again).
 */
final class DiracxCredentials {

    /** DiracX's client stops using a token this long before it expires. */
    static final long GRACE_SECONDS = 15;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiracxCredentials() {
    }

    /** Where DiracX's client looks for its credentials, given the environment. */
    static Path defaultPath(Map<String, String> environment, Path home) {
        String configured = environment.get("DIRACX_CREDENTIALS_PATH");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return home.resolve(".cache").resolve("diracx").resolve("credentials.json");
    }

    static String serialize(String accessToken, String refreshToken, Instant expiresAt) {
        ObjectNode credentials = JSON.createObjectNode();
        credentials.put("access_token", accessToken);
        credentials.put("refresh_token", refreshToken);
        credentials.put("expires_on", expiresAt.getEpochSecond() - GRACE_SECONDS);
        return credentials.toString();
    }

    /** Writes the file (replacing any), with permissions 600 where the file system has them. */
    static void write(Path file, String accessToken, String refreshToken, Instant expiresAt) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] content = serialize(accessToken, refreshToken, expiresAt).getBytes(StandardCharsets.UTF_8);
        Path temporary = Files.createTempFile(parent, ".credentials", ".json");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own defaults apply
            }
            Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
