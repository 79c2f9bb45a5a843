package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of {@code POST /api/jobs/sandbox} (DiracX's {@code SandboxUploadResponse}).
 *
 * @param pfn    the sandbox's full PFN, {@code SB:<SE>|/S3/...}
 * @param url    where to POST the archive as {@code multipart/form-data}: every entry of
 *               {@code fields}, then the archive as the part {@code file}; {@code null} when the
 *               store already holds the sandbox and there is nothing to upload
 * @param fields the form fields of the presigned POST, in the order to send them; empty when
 *               {@code url} is {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SandboxUploadResponse(
        @JsonProperty("pfn") String pfn,
        @JsonProperty("url") String url,
        @JsonProperty("fields") Map<String, String> fields) {

    public SandboxUploadResponse {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The answer for a sandbox that is already in the store. */
    public static SandboxUploadResponse alreadyUploaded(String pfn) {
        return new SandboxUploadResponse(pfn, null, Map.of());
    }
}
