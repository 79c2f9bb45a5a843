package org.jobstream.command.sandbox;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sandboxes are named and handed out ({@code jobstream.sandbox.*}).
 *
 * @param seName       the storage element name in full PFNs ({@code SB:<seName>|...}), letters only
 * @param urlValidity  how long a presigned upload or download stays valid, 1 s to 7 days (S3's limit)
 * @param maxSizeBytes the largest sandbox that may be uploaded
 */
@ConfigurationProperties("jobstream.sandbox")
record SandboxProperties(String seName, Duration urlValidity, Long maxSizeBytes) {

    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");
    private static final Duration LONGEST_VALIDITY = Duration.ofDays(7);

    public SandboxProperties {
        seName = seName == null || seName.isBlank() ? "SandboxSE" : seName.strip();
        urlValidity = urlValidity == null ? Duration.ofSeconds(300) : urlValidity;
        maxSizeBytes = maxSizeBytes == null ? 100L * 1024 * 1024 : maxSizeBytes;
        if (!LETTERS.matcher(seName).matches()) {
            throw new IllegalArgumentException("jobstream.sandbox.se-name must be letters only: " + seName);
        }
        if (urlValidity.compareTo(Duration.ofSeconds(1)) < 0 || urlValidity.compareTo(LONGEST_VALIDITY) > 0) {
            throw new IllegalArgumentException("jobstream.sandbox.url-validity must be between 1s and 7d: " + urlValidity);
        }
        if (maxSizeBytes < 1) {
            throw new IllegalArgumentException("jobstream.sandbox.max-size-bytes must be positive: " + maxSizeBytes);
        }
    }
}
