package org.jobstream.command.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The upload request body: DiracX's field names and constraints, each refusal naming its field. */
class SandboxInfoTest {

    private static final String CHECKSUM = "90e0ba6763c91a905bb9fd6e025aac1952ae742e6d756a31a0963aa7df7cd7b1";
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    // Configured as Spring MVC's: unknown keys are ignored.
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private static Set<String> problems(SandboxInfo info) {
        return VALIDATOR.validate(info).stream().map(ConstraintViolation::getMessage).collect(Collectors.toSet());
    }

    @Test
    void diracXsBodyIsReadWithItsSnakeCaseNamesAndExtraKeysIgnored() throws Exception {
        SandboxInfo info = JSON.readValue("""
                {"checksum_algorithm": "sha256", "checksum": "%s", "size": 512, "format": "tar.zst", "extra": 1}
                """.formatted(CHECKSUM), SandboxInfo.class);

        assertThat(info).isEqualTo(new SandboxInfo("sha256", CHECKSUM, 512L, "tar.zst"));
        assertThat(problems(info)).isEmpty();
    }

    @Test
    void bothFormatsAndUpperCaseHexAreValid() {
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM, 1L, "tar.bz2"))).isEmpty();
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM.toUpperCase(), 1L, "tar.zst"))).isEmpty();
    }

    @Test
    void everyMissingFieldIsRequired() {
        assertThat(problems(new SandboxInfo(null, null, null, null))).containsExactlyInAnyOrder(
                "checksum_algorithm: Field required", "checksum: Field required",
                "size: Field required", "format: Field required");
    }

    @Test
    void onlySha256IsAnAlgorithm() {
        assertThat(problems(new SandboxInfo("md5", CHECKSUM, 1L, "tar.bz2")))
                .containsExactly("checksum_algorithm: Input should be 'sha256'");
        assertThat(problems(new SandboxInfo("SHA256", CHECKSUM, 1L, "tar.bz2"))).hasSize(1);
    }

    @Test
    void theChecksumIsSixtyFourHexDigits() {
        String message = "checksum: String should match pattern '^[0-9a-fA-F]{64}$'";
        assertThat(problems(new SandboxInfo("sha256", "g".repeat(64), 1L, "tar.bz2"))).containsExactly(message);
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM.substring(1), 1L, "tar.bz2"))).containsExactly(message);
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM + "0", 1L, "tar.bz2"))).containsExactly(message);
    }

    @Test
    void theSizeIsAtLeastOneByte() {
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM, 0L, "tar.bz2")))
                .containsExactly("size: Input should be greater than or equal to 1");
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM, -5L, "tar.bz2"))).hasSize(1);
    }

    @Test
    void onlyTheTwoArchiveFormatsAreAccepted() {
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM, 1L, "tar.gz")))
                .containsExactly("format: Input should be 'tar.bz2' or 'tar.zst'");
        assertThat(problems(new SandboxInfo("sha256", CHECKSUM, 1L, "tarXbz2"))).hasSize(1);
    }
}
