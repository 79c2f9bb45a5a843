package org.jobstream.command.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.jobstream.store.objects.S3Properties;
import org.junit.jupiter.api.Test;

class PostPolicySignerTest {

    // AWS's published credentials for its signature examples.
    private static final String EXAMPLE_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String IAM_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    // "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)", S3 API reference.
    private static final String AWS_EXAMPLE_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
    private static final String AWS_EXAMPLE_SIGNATURE = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";

    private static final String CHECKSUM = "90e0ba6763c91a905bb9fd6e025aac1952ae742e6d756a31a0963aa7df7cd7b1";
    private static final String KEY = "lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst";
    private static final Instant NOW = Instant.parse("2025-05-25T07:03:35.250Z");
    private static final PostPolicySigner.Signer SIGNER =
            new PostPolicySigner.Signer(EXAMPLE_ACCESS_KEY, EXAMPLE_SECRET, "", "us-east-1");
    private static final PostPolicySigner.Upload UPLOAD = new PostPolicySigner.Upload(
            "http://127.0.0.1:19000/sandboxes", "sandboxes", KEY, 512, HexFormat.of().parseHex(CHECKSUM));

    @Test
    void theSigningKeyIsAwsPublishedDerivationExample() {
        // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
        byte[] key = PostPolicySigner.signingKey(IAM_EXAMPLE_SECRET, "20120215", "us-east-1", "iam");

        assertThat(HexFormat.of().formatHex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void theSigningKeyAndSignatureAreThoseOfAwsPublishedIamRequest() {
        // "Create a signed AWS API request" (IAM ListUsers, 20150830T123600Z): its key and signature.
        byte[] key = PostPolicySigner.signingKey(IAM_EXAMPLE_SECRET, "20150830", "us-east-1", "iam");
        String stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59";

        assertThat(HexFormat.of().formatHex(key)).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
        assertThat(PostPolicySigner.signature(key, stringToSign))
                .isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void thePublishedBrowserUploadPolicyGetsThePublishedSignature() {
        byte[] key = PostPolicySigner.signingKey(EXAMPLE_SECRET, "20151229", "us-east-1", "s3");

        assertThat(PostPolicySigner.signature(key, AWS_EXAMPLE_POLICY)).isEqualTo(AWS_EXAMPLE_SIGNATURE);
    }

    @Test
    void theFieldsAreDiracXsInDiracXsOrder() {
        PresignedPost post = PostPolicySigner.sign(SIGNER, UPLOAD, NOW, Duration.ofSeconds(300));

        assertThat(post.url()).isEqualTo("http://127.0.0.1:19000/sandboxes");
        assertThat(post.fields()).containsExactly(
                entry("x-amz-checksum-algorithm", "sha256"),
                entry("x-amz-checksum-sha256", "kOC6Z2PJGpBbuf1uAlqsGVKudC5tdWoxoJY6p99817E="),
                entry("key", KEY),
                entry("x-amz-algorithm", "AWS4-HMAC-SHA256"),
                entry("x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20250525/us-east-1/s3/aws4_request"),
                entry("x-amz-date", "20250525T070335Z"),
                entry("policy", post.fields().get("policy")),
                entry("x-amz-signature", post.fields().get("x-amz-signature")));
    }

    @Test
    void thePolicyPinsBucketKeyExactSizeAndChecksum() throws Exception {
        PresignedPost post = PostPolicySigner.sign(SIGNER, UPLOAD, NOW, Duration.ofSeconds(300));

        JsonNode policy = new ObjectMapper().readTree(Base64.getDecoder().decode(post.fields().get("policy")));
        JsonNode expected = new ObjectMapper().readTree("""
                {"expiration": "2025-05-25T07:08:35.000Z",
                 "conditions": [
                   ["content-length-range", 512, 512],
                   {"x-amz-checksum-algorithm": "sha256"},
                   {"x-amz-checksum-sha256": "kOC6Z2PJGpBbuf1uAlqsGVKudC5tdWoxoJY6p99817E="},
                   {"bucket": "sandboxes"},
                   {"key": "%s"},
                   {"x-amz-algorithm": "AWS4-HMAC-SHA256"},
                   {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20250525/us-east-1/s3/aws4_request"},
                   {"x-amz-date": "20250525T070335Z"}]}""".formatted(KEY));
        assertThat(policy).isEqualTo(expected);
    }

    @Test
    void thePolicyAndSignatureAreThoseAnIndependentImplementationComputes() {
        // Computed with Python's json (compact separators), base64 and hmac from the same inputs.
        PresignedPost post = PostPolicySigner.sign(SIGNER, UPLOAD, NOW, Duration.ofSeconds(300));

        assertThat(post.fields().get("policy")).isEqualTo("eyJleHBpcmF0aW9uIjoiMjAyNS0wNS0yNVQwNzowODozNS4wMDBaIiwiY29uZGl0aW9ucyI6W1siY29udGVudC1sZW5ndGgtcmFuZ2UiLDUxMiw1MTJdLHsieC1hbXotY2hlY2tzdW0tYWxnb3JpdGhtIjoic2hhMjU2In0seyJ4LWFtei1jaGVja3N1bS1zaGEyNTYiOiJrT0M2WjJQSkdwQmJ1ZjF1QWxxc0dWS3VkQzV0ZFdveG9KWTZwOTk4MTdFPSJ9LHsiYnVja2V0Ijoic2FuZGJveGVzIn0seyJrZXkiOiJsaGNiL3Rlc3RfZ3JvdXAvcHJlZmVycmVkX3VzZXJuYW1lL3NoYTI1Njo5MGUwYmE2NzYzYzkxYTkwNWJiOWZkNmUwMjVhYWMxOTUyYWU3NDJlNmQ3NTZhMzFhMDk2M2FhN2RmN2NkN2IxLnRhci56c3QifSx7IngtYW16LWFsZ29yaXRobSI6IkFXUzQtSE1BQy1TSEEyNTYifSx7IngtYW16LWNyZWRlbnRpYWwiOiJBS0lBSU9TRk9ETk43RVhBTVBMRS8yMDI1MDUyNS91cy1lYXN0LTEvczMvYXdzNF9yZXF1ZXN0In0seyJ4LWFtei1kYXRlIjoiMjAyNTA1MjVUMDcwMzM1WiJ9XX0=");
        assertThat(post.fields().get("x-amz-signature")).isEqualTo("bd3a01b119a10a5a39f3f5ba53413ebc3480630f864582e198698fbe27b42262");
    }

    @Test
    void theSignatureIsTheHmacOfTheBase64PolicyWithTheDaysSigningKey() {
        PresignedPost post = PostPolicySigner.sign(SIGNER, UPLOAD, NOW, Duration.ofSeconds(300));

        byte[] key = PostPolicySigner.signingKey(EXAMPLE_SECRET, "20250525", "us-east-1", "s3");
        assertThat(post.fields().get("x-amz-signature")).isEqualTo(PostPolicySigner.signature(key, post.fields().get("policy")));
    }

    @Test
    void theExpirationIsTheValidityAfterNowToTheSecond() throws Exception {
        PresignedPost post = PostPolicySigner.sign(SIGNER, UPLOAD, Instant.parse("2025-12-31T23:59:59.999Z"), Duration.ofHours(1));

        JsonNode policy = new ObjectMapper().readTree(Base64.getDecoder().decode(post.fields().get("policy")));
        assertThat(policy.get("expiration").asText()).isEqualTo("2026-01-01T00:59:59.000Z");
        assertThat(post.fields().get("x-amz-date")).isEqualTo("20251231T235959Z");
    }

    @Test
    void temporaryCredentialsSendAndPinTheirSessionToken() throws Exception {
        var signer = new PostPolicySigner.Signer(EXAMPLE_ACCESS_KEY, EXAMPLE_SECRET, "the-token", "eu-west-1");

        PresignedPost post = PostPolicySigner.sign(signer, UPLOAD, NOW, Duration.ofSeconds(300));

        assertThat(post.fields()).containsEntry("x-amz-security-token", "the-token")
                .containsEntry("x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20250525/eu-west-1/s3/aws4_request");
        String policy = new String(Base64.getDecoder().decode(post.fields().get("policy")), StandardCharsets.UTF_8);
        assertThat(policy).contains("{\"x-amz-security-token\":\"the-token\"}");
    }

    @Test
    void aCustomEndpointIsPostedToPathStyle() {
        assertThat(PostPolicySigner.uploadUrl(s3("http://127.0.0.1:19000", true))).isEqualTo("http://127.0.0.1:19000/sandboxes");
        assertThat(PostPolicySigner.uploadUrl(s3("https://s3.example.org/", true))).isEqualTo("https://s3.example.org/sandboxes");
        assertThat(PostPolicySigner.uploadUrl(s3("https://example.org/s3/", true))).isEqualTo("https://example.org/s3/sandboxes");
    }

    @Test
    void aCustomEndpointWithoutPathStyleIsPostedToTheBucketsHost() {
        assertThat(PostPolicySigner.uploadUrl(s3("https://s3.example.org:9000", false))).isEqualTo("https://sandboxes.s3.example.org:9000/");
    }

    @Test
    void awsIsAlwaysPostedVirtualHostStyle() {
        assertThat(PostPolicySigner.uploadUrl(new S3Properties("", "eu-west-1", "", "", "sandboxes", true, false)))
                .isEqualTo("https://sandboxes.s3.eu-west-1.amazonaws.com/");
    }

    private static S3Properties s3(String endpoint, boolean pathStyle) {
        return new S3Properties(endpoint, "us-east-1", "ak", "sk", "sandboxes", pathStyle, false);
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
