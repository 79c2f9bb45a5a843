package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/jobs/sandbox?pfn=...} (DiracX's {@code SandboxDownloadResponse}):
 * a presigned GET of the sandbox, to be fetched without the bearer token.
 *
 * @param url       the presigned URL
 * @param expiresIn how many seconds after issue the URL stays valid
 */
public record SandboxDownloadResponse(
        @JsonProperty("url") String url,
        @JsonProperty("expires_in") long expiresIn) {
}
