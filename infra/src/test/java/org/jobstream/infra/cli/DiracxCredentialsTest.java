package org.jobstream.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiracxCredentialsTest {

    @Test
    void theFileIsWhereDiracxsClientLooks() {
        Path home = Path.of("/home/alice");

        assertThat(DiracxCredentials.defaultPath(Map.of(), home)).isEqualTo(Path.of("/home/alice/.cache/diracx/credentials.json"));
        assertThat(DiracxCredentials.defaultPath(Map.of("DIRACX_CREDENTIALS_PATH", "/tmp/creds.json"), home))
                .isEqualTo(Path.of("/tmp/creds.json"));
    }

    @Test
    void theFileHoldsTheTokenAndItsExpiryLessDiracxsGracePeriod(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/credentials.json");
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");

        DiracxCredentials.write(file, "header.payload.signature", null, expires);

        JsonNode written = new ObjectMapper().readTree(Files.readString(file));
        assertThat(written.get("access_token").asText()).isEqualTo("header.payload.signature");
        assertThat(written.has("refresh_token")).isTrue();
        assertThat(written.get("refresh_token").isNull()).isTrue();
        assertThat(written.get("expires_on").asLong()).isEqualTo(expires.getEpochSecond() - 15);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }
}
