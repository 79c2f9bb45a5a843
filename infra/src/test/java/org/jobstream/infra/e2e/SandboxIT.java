package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sandbox upload and download through the entry point, against the running stack and its real S3
 * store (s3proxy with signature checking): the client uploads straight to the store with the
 * presigned POST and downloads with the presigned GET, never through the service.
 */
class SandboxIT {

    private static final HttpClient STORE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> DIRACX_FIELDS = List.of("x-amz-checksum-algorithm", "x-amz-checksum-sha256", "key",
            "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature");

    private final String user = "sbuser-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String admin = token("sbadmin", "JobAdministrator");

    @Test
    void anUploadedSandboxIsDownloadedByteForByte() {
        byte[] content = randomBytes(512);

        JsonNode upload = initiate(token, content);

        assertThat(upload.get("pfn").asText()).isEqualTo(
                "SB:SandboxSE|/S3/sandboxes/lhcb/lhcb_user/" + user + "/sha256:" + sha256Hex(content) + ".tar.bz2");
        assertThat(upload.get("url").asText()).isNotBlank();
        assertThat(fieldNames(upload)).containsExactlyElementsOf(DIRACX_FIELDS);
        assertThat(upload.get("fields").get("key").asText())
                .isEqualTo("lhcb/lhcb_user/" + user + "/sha256:" + sha256Hex(content) + ".tar.bz2");
        assertThat(post(upload, content).statusCode()).isEqualTo(204);

        Stack.Answer download = downloadUrl(token, upload.get("pfn").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.json().get("expires_in").asInt()).isEqualTo(300);
        assertThat(fetch(download.json().get("url").asText()).body()).isEqualTo(content);
    }

    @Test
    void theShortFormOfThePfnDownloadsTheSameSandbox() {
        byte[] content = randomBytes(100);
        JsonNode upload = initiate(token, content);
        assertThat(post(upload, content).statusCode()).isEqualTo(204);

        String shortForm = upload.get("pfn").asText().substring(upload.get("pfn").asText().indexOf('|') + 1);
        Stack.Answer download = downloadUrl(token, shortForm);

        assertThat(download.status()).isEqualTo(200);
        assertThat(fetch(download.json().get("url").asText()).body()).isEqualTo(content);
    }

    @Test
    void theSameContentAgainAnswersThePfnWithoutUrl() {
        byte[] content = randomBytes(300);
        JsonNode first = initiate(token, content);
        assertThat(post(first, content).statusCode()).isEqualTo(204);

        Stack.Answer again = call("POST", "/api/jobs/sandbox", token, info(content));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("pfn").asText()).isEqualTo(first.get("pfn").asText());
        assertThat(again.json().has("url")).isTrue();
        assertThat(again.json().get("url").isNull()).isTrue();
        assertThat(again.json().get("fields").isObject()).isTrue();
        assertThat(again.json().get("fields").size()).isZero();
    }

    @Test
    void aTamperedSignatureIsRefusedByTheStore() {
        byte[] content = randomBytes(256);
        JsonNode upload = initiate(token, content);
        Map<String, String> fields = fields(upload);
        String signature = fields.get("x-amz-signature");
        fields.put("x-amz-signature", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));

        assertThat(post(upload.get("url").asText(), fields, content).statusCode()).isEqualTo(403);
        assertNeverDownloadable(upload.get("pfn").asText());
    }

    @Test
    void anotherKeyThanThePolicysIsRefusedByTheStore() {
        byte[] content = randomBytes(256);
        JsonNode upload = initiate(token, content);
        Map<String, String> fields = fields(upload);
        fields.put("key", fields.get("key").replace(user, user + "x"));

        assertThat(post(upload.get("url").asText(), fields, content).statusCode()).isEqualTo(403);
    }

    @Test
    void aFileOfAnotherSizeIsRefusedByTheStoreAndNeverDownloadable() {
        byte[] content = randomBytes(256);
        JsonNode upload = initiate(token, content);
        byte[] longer = new byte[content.length + 1];
        System.arraycopy(content, 0, longer, 0, content.length);

        assertThat(post(upload, longer).statusCode()).isBetween(400, 403);
        assertThat(post(upload, new byte[]{content[0]}).statusCode()).isBetween(400, 403);
        assertNeverDownloadable(upload.get("pfn").asText());
        assertThat(initiate(token, content).get("url").isNull()).isFalse();
    }

    @Test
    void aFileWithAnotherChecksumIsRefusedByTheStoreAndNeverDownloadable() {
        byte[] content = randomBytes(256);
        JsonNode upload = initiate(token, content);
        byte[] altered = content.clone();
        altered[100] ^= 1;

        assertThat(post(upload, altered).statusCode()).isEqualTo(400);
        assertNeverDownloadable(upload.get("pfn").asText());
        assertThat(initiate(token, content).get("url").isNull()).isFalse();
    }

    @Test
    void anObjectPutInTheStoreBehindTheServicesBackIsNeverHandedOut() throws IOException {
        // A store that enforced nothing, or someone with write access to it: an object at a sandbox's
        // key whose bytes are not the ones its name promises.
        byte[] content = randomBytes(64);
        JsonNode upload = initiate(token, content);
        Path object = Stack.STATE.resolve("data/s3/sandboxes").resolve(upload.get("fields").get("key").asText());
        Files.createDirectories(object.getParent());
        Files.write(object, randomBytes(64));
        try {
            assertNeverDownloadable(upload.get("pfn").asText());
            assertThat(initiate(token, content).get("url").isNull()).isFalse();
        } finally {
            Files.deleteIfExists(object);
        }
    }

    @Test
    void anotherUsersSandboxIsForbidden() {
        byte[] content = randomBytes(128);
        JsonNode upload = initiate(token, content);
        assertThat(post(upload, content).statusCode()).isEqualTo(204);
        String other = "other-" + user;

        Stack.Answer byOther = downloadUrl(token(other, "NormalUser"), upload.get("pfn").asText());

        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.json().get("detail").asText())
                .isEqualTo("Invalid PFN. PFN must start with /S3/sandboxes/lhcb/lhcb_user/" + other + "/");
    }

    @Test
    void theOwnerUnderAnotherGroupIsForbidden() {
        byte[] content = randomBytes(128);
        JsonNode upload = initiate(token, content);
        assertThat(post(upload, content).statusCode()).isEqualTo(204);

        Stack.Answer asProduction = downloadUrl(token(user, "lhcb", "lhcb_prod", Duration.ofHours(1), "NormalUser"),
                upload.get("pfn").asText());

        assertThat(asProduction.status()).isEqualTo(403);
        assertThat(asProduction.json().get("detail").asText()).startsWith("Invalid PFN. PFN must start with");
    }

    @Test
    void anAdministratorDownloadsAnyonesSandbox() {
        byte[] content = randomBytes(128);
        JsonNode upload = initiate(token, content);
        assertThat(post(upload, content).statusCode()).isEqualTo(204);

        Stack.Answer download = downloadUrl(admin, upload.get("pfn").asText());

        assertThat(download.status()).isEqualTo(200);
        assertThat(fetch(download.json().get("url").asText()).body()).isEqualTo(content);
    }

    @Test
    void aSandboxLargerThan100MiBIsRefused() {
        Map<String, Object> body = new LinkedHashMap<>(info(randomBytes(10)));
        body.put("size", 1024L * 1024 * 1024);

        Stack.Answer answer = call("POST", "/api/jobs/sandbox", token, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Sandbox too large, maximum allowed is 104857600 bytes");
    }

    @Test
    void aBodyThatDoesNotValidateIs422() {
        Map<String, Object> valid = info(randomBytes(10));
        List<Map<String, Object>> invalid = new ArrayList<>();
        invalid.add(with(valid, "checksum", "z".repeat(64)));
        invalid.add(with(valid, "checksum", "abc"));
        invalid.add(with(valid, "checksum_algorithm", "md5"));
        invalid.add(with(valid, "format", "zip"));
        invalid.add(with(valid, "size", 0));
        invalid.add(with(valid, "size", "many"));
        invalid.add(with(valid, "format", null));
        Map<String, Object> missing = new LinkedHashMap<>(valid);
        missing.remove("checksum");
        invalid.add(missing);

        for (Map<String, Object> body : invalid) {
            Stack.Answer answer = call("POST", "/api/jobs/sandbox", token, body);
            assertThat(answer.status()).as("%s", body).isEqualTo(422);
            assertThat(answer.json().get("detail").isArray()).isTrue();
            assertThat(answer.json().get("detail").get(0).has("msg")).isTrue();
        }
        assertThat(call("POST", "/api/jobs/sandbox", token, "not json".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(422);
    }

    @Test
    void aPfnThatDoesNotMatchThePatternIs422() {
        String checksum = sha256Hex(randomBytes(10));
        List<String> invalid = List.of(
                "/S3/sandboxes/lhcb/lhcb_user/" + user + "/sha256:" + checksum.toUpperCase() + ".tar.bz2",
                "SB:Sandbox1|/S3/sandboxes/lhcb/lhcb_user/" + user + "/sha256:" + checksum + ".tar.bz2",
                "/S3/sandboxes/lhcb/" + user + "/sha256:" + checksum + ".tar.bz2",
                "/S3/sandboxes/lhcb/lhcb_user/" + "u".repeat(200) + "/sha256:" + checksum + ".tar.bz2",
                "garbage");

        for (String pfn : invalid) {
            Stack.Answer answer = downloadUrl(token, pfn);
            assertThat(answer.status()).as(pfn).isEqualTo(422);
            assertThat(answer.json().get("detail").isArray()).isTrue();
        }
        assertThat(call("GET", "/api/jobs/sandbox", token, null).status()).isEqualTo(422);
    }

    @Test
    void withoutNormalUserNoUploadAndWithoutAnyRoleNoDownload() {
        byte[] content = randomBytes(32);
        JsonNode upload = initiate(token, content);
        assertThat(post(upload, content).statusCode()).isEqualTo(204);

        assertThat(call("POST", "/api/jobs/sandbox", admin, info(content)).status()).isEqualTo(403);
        assertThat(call("POST", "/api/jobs/sandbox", token(user, "GenericPilot"), info(content)).status()).isEqualTo(403);
        assertThat(downloadUrl(token(user, "GenericPilot"), upload.get("pfn").asText()).status()).isEqualTo(403);
        assertThat(downloadUrl(token(user), upload.get("pfn").asText()).status()).isEqualTo(403);
    }

    @Test
    void withoutATokenNothingIsAnswered() {
        assertThat(call("POST", "/api/jobs/sandbox", null, info(randomBytes(8))).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------------------------ helpers

    // --- job <-> sandbox mappings (output assignment, input from the JDL, unassignment, cleaning)

    private String uploadedPfn(byte[] content) {
        JsonNode upload = initiate(token, content);
        if (!upload.get("url").isNull()) {
            assertThat(post(upload, content).statusCode()).isEqualTo(204);
        }
        return upload.get("pfn").asText();
    }

    private long submit(String jdl) {
        return call("POST", "/api/jobs/jdl", token, List.of(jdl)).json().get(0).get("JobID").asLong();
    }

    private static String shortForm(String pfn) {
        return pfn.substring(pfn.indexOf('|') + 1);
    }

    @Test
    void anOutputSandboxIsAssignedOnceAndListedWithTheJob() {
        String pfn = uploadedPfn(randomBytes(2048));
        long jobId = submit("Executable = \"echo\";");

        Stack.Answer assigned = call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", token, pfn);
        Stack.Answer again = call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", token, pfn);
        JsonNode sandboxes = call("GET", "/api/jobs/" + jobId + "/sandbox", token, null).json();

        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.text()).isEqualTo("null");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").asText()).isEqualTo("Sandbox already assigned");
        assertThat(sandboxes.get("Output").get(0).asText()).isEqualTo(shortForm(pfn));
        assertThat(sandboxes.get("Input").get(0).isNull()).isTrue();
        assertThat(call("GET", "/api/jobs/" + jobId + "/sandbox/output", token, null).json().get(0).asText())
                .isEqualTo(shortForm(pfn));
    }

    @Test
    void aSandboxWhoseUploadWasNeverInitiatedCannotBeAssigned() {
        long jobId = submit("Executable = \"echo\";");
        String missing = "SB:SandboxSE|/S3/sandboxes/lhcb/lhcb_user/" + user + "/sha256:" + "0".repeat(64) + ".tar.bz2";

        Stack.Answer answer = call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", token, missing);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Sandbox not found");
        Stack.Answer notAPfn = call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", token, "not a pfn");
        assertThat(notAPfn.status()).isEqualTo(422);
        assertThat(notAPfn.json().get("detail").get(0).get("msg").asText()).startsWith("String should match pattern");
    }

    @Test
    void aSandboxIsAssignableOnceItsUploadIsInitiatedAndDownloadableOnceStored() {
        byte[] content = randomBytes(4096);
        JsonNode upload = initiate(token, content);
        String pfn = upload.get("pfn").asText();
        long jobId = submit("Executable = \"echo\";");

        Stack.Answer assigned = call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", token, pfn);
        Stack.Answer beforeUpload = downloadUrl(token, pfn);
        assertThat(post(upload, content).statusCode()).isBetween(200, 204);
        Stack.Answer afterUpload = downloadUrl(token, pfn);

        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        assertThat(call("GET", "/api/jobs/" + jobId + "/sandbox/output", token, null).json().get(0).asText())
                .isEqualTo(shortForm(pfn));
        assertThat(beforeUpload.status()).isEqualTo(404);
        assertThat(afterUpload.status()).isEqualTo(200);
        assertThat(fetch(afterUpload.json().get("url").asText()).body()).isEqualTo(content);
    }

    @Test
    void inputSandboxesOfTheJdlAreMappedAtSubmission() {
        String pfn = uploadedPfn(randomBytes(1024));

        long jobId = submit("Executable = \"echo\"; InputSandbox = {\"" + pfn + "\", \"local.txt\"};");

        assertThat(call("GET", "/api/jobs/" + jobId + "/sandbox/input", token, null).json().get(0).asText())
                .isEqualTo(shortForm(pfn));
        assertThat(call("GET", "/api/jobs/" + jobId + "/sandbox/sideways", token, null).status()).isEqualTo(422);
    }

    @Test
    void unassigningRemovesEveryMappingOfTheJobs() {
        String pfn = uploadedPfn(randomBytes(1536));
        long first = submit("Executable = \"echo\"; InputSandbox = {\"" + pfn + "\"};");
        long second = submit("Executable = \"echo\";");
        call("PATCH", "/api/jobs/" + second + "/sandbox/output", token, pfn);

        Stack.Answer one = call("DELETE", "/api/jobs/" + first + "/sandbox", token, null);
        Stack.Answer many = call("POST", "/api/jobs/sandbox/unassign", token, Map.of("job_ids", List.of(second)));

        assertThat(one.status()).isEqualTo(200);
        assertThat(many.status()).isEqualTo(204);
        JsonNode sandboxes = call("GET", "/api/jobs/" + first + "/sandbox", token, null).json();
        assertThat(sandboxes.get("Input").get(0).isNull()).isTrue();
        assertThat(call("GET", "/api/jobs/" + second + "/sandbox/output", token, null).json().get(0).isNull()).isTrue();
    }

    @Test
    void anotherUsersJobSandboxesAreForbidden() {
        String pfn = uploadedPfn(randomBytes(512));
        long jobId = submit("Executable = \"echo\";");
        String other = token("sbother-" + UUID.randomUUID().toString().substring(0, 6), "NormalUser");

        assertThat(call("GET", "/api/jobs/" + jobId + "/sandbox", other, null).status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", other, pfn).status()).isEqualTo(403);
        assertThat(call("DELETE", "/api/jobs/" + jobId + "/sandbox", other, null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/jobs/sandbox/unassign", other, Map.of("job_ids", List.of(jobId))).status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/" + jobId + "/sandbox", admin, null).status()).isEqualTo(200);
    }

    @Test
    void cleaningRemovesOnlySandboxesNoJobUses() {
        String used = uploadedPfn(randomBytes(3000));
        String unused = uploadedPfn(randomBytes(3001));
        long jobId = submit("Executable = \"echo\";");
        call("PATCH", "/api/jobs/" + jobId + "/sandbox/output", token, used);
        call("GET", "/api/jobs/" + jobId + "/sandbox", token, null); // the read model has the mapping now

        JsonNode dryRun = call("POST", "/admin/sandboxes/clean?dry_run=true&older_than=PT0S", admin, null).json();
        assertThat(dryRun.get("removablePfns").toString()).contains(shortForm(unused)).doesNotContain(shortForm(used));
        assertThat(downloadUrl(token, unused).status()).isEqualTo(200);

        assertThat(call("POST", "/admin/sandboxes/clean?older_than=PT0S", token, null).status()).isEqualTo(403);
        JsonNode cleaned = call("POST", "/admin/sandboxes/clean?older_than=PT0S", admin, null).json();

        assertThat(cleaned.get("removed").asInt()).isPositive();
        assertUnknown(unused);
        assertThat(downloadUrl(token, used).status()).isEqualTo(200);
    }

    /** A registered sandbox (its upload was initiated) whose object is not in the store intact: 404. */
    private void assertNeverDownloadable(String pfn) {
        for (String caller : List.of(token, admin)) {
            Stack.Answer answer = downloadUrl(caller, pfn);
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.json().get("detail").asText()).contains("is not in the store");
        }
    }

    /** A sandbox nobody registered (or whose registration was cleaned): DiracX's answers for no record. */
    private void assertUnknown(String pfn) {
        Stack.Answer byOwner = downloadUrl(token, pfn);
        assertThat(byOwner.status()).isEqualTo(403);
        assertThat(byOwner.json().get("detail").asText()).isEqualTo(user + " is not the owner of the sandbox");

        Stack.Answer byAdmin = downloadUrl(admin, pfn);
        assertThat(byAdmin.status()).isEqualTo(400);
        assertThat(byAdmin.json().get("detail").asText())
                .isEqualTo("Sandbox with " + pfn.substring(pfn.indexOf('|') + 1) + " and SandboxSE not found");
    }

    private static Map<String, Object> info(byte[] content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checksum_algorithm", "sha256");
        body.put("checksum", sha256Hex(content));
        body.put("size", content.length);
        body.put("format", "tar.bz2");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(key, value);
        return changed;
    }

    private static JsonNode initiate(String token, byte[] content) {
        Stack.Answer answer = call("POST", "/api/jobs/sandbox", token, info(content));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static Stack.Answer downloadUrl(String token, String pfn) {
        return call("GET", "/api/jobs/sandbox?pfn=" + URLEncoder.encode(pfn, StandardCharsets.UTF_8), token, null);
    }

    private static List<String> fieldNames(JsonNode upload) {
        return new ArrayList<>(fields(upload).keySet());
    }

    private static Map<String, String> fields(JsonNode upload) {
        Map<String, String> fields = new LinkedHashMap<>();
        upload.get("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }

    private static HttpResponse<byte[]> post(JsonNode upload, byte[] content) {
        return post(upload.get("url").asText(), fields(upload), content);
    }

    /** A browser-style upload: every form field, then the file, as multipart/form-data. */
    private static HttpResponse<byte[]> post(String url, Map<String, String> fields, byte[] content) {
        String boundary = "----jobstream" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"sandbox.tar.bz2\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static HttpResponse<byte[]> fetch(String url) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response;
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return STORE.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
