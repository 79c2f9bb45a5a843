package org.jobstream.command.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/jobs/sandbox} (DiracX's {@code SandboxInfo}): what the client is
 * about to upload. Other keys are ignored. The messages name the field, because the error's
 * {@code loc} is only {@code ["body"]}.
 *
 * @param checksumAlgorithm only {@code sha256}
 * @param checksum          the SHA-256 of the archive, 64 hex digits (either case)
 * @param size              the archive's size in bytes
 * @param format            {@code tar.bz2} or {@code tar.zst}
 */
record SandboxInfo(
        @JsonProperty("checksum_algorithm")
        @NotNull(message = "checksum_algorithm: Field required")
        @Pattern(regexp = "sha256", message = "checksum_algorithm: Input should be 'sha256'")
        String checksumAlgorithm,

        @JsonProperty("checksum")
        @NotNull(message = "checksum: Field required")
        @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "checksum: String should match pattern '^[0-9a-fA-F]{64}$'")
        String checksum,

        @JsonProperty("size")
        @NotNull(message = "size: Field required")
        @Min(value = 1, message = "size: Input should be greater than or equal to 1")
        Long size,

        @JsonProperty("format")
        @NotNull(message = "format: Field required")
        @Pattern(regexp = "tar\\.bz2|tar\\.zst", message = "format: Input should be 'tar.bz2' or 'tar.zst'")
        String format) {
}
