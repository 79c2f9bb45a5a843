package org.jobstream.command.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jobstream.store.objects.S3Properties;

/**
 * Signs S3 POST policies with AWS Signature Version 4 ("Browser-Based Uploads Using POST"): the
 * AWS SDK for Java has presigned GET and PUT but no presigned POST.
 *
 * <p>The policy pins everything about the upload: the bucket, the exact key, the exact size
 * ({@code content-length-range} from {@code size} to {@code size}) and the SHA-256 of the content, so
 * that the store itself refuses anything else. Fields and conditions are those DiracX sends.
 */
final class PostPolicySigner {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "s3";
    private static final String TERMINATOR = "aws4_request";
    private static final String HMAC = "HmacSHA256";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000Z'").withZone(ZoneOffset.UTC);

    // Its own mapper: the policy is signed bytes, independent of how the web layer writes JSON.
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostPolicySigner() {
    }

    /** Who signs, and where: the credentials' session token is empty for long-term keys. */
    record Signer(String accessKey, String secretKey, String sessionToken, String region) {
    }

    /** What may be uploaded: exactly {@code size} bytes with SHA-256 {@code sha256} at {@code bucket}/{@code key}. */
    record Upload(String url, String bucket, String key, long size, byte[] sha256) {
    }

    static PresignedPost sign(Signer signer, Upload upload, Instant now, Duration validity) {
        String date = DATE.format(now);
        String amzDate = DATE_TIME.format(now);
        String credential = signer.accessKey() + "/" + date + "/" + signer.region() + "/" + SERVICE + "/" + TERMINATOR;
        String checksum = Base64.getEncoder().encodeToString(upload.sha256());
        boolean session = signer.sessionToken() != null && !signer.sessionToken().isEmpty();

        ObjectNode policy = JSON.createObjectNode();
        policy.put("expiration", EXPIRATION.format(now.plus(validity).truncatedTo(ChronoUnit.SECONDS)));
        ArrayNode conditions = policy.putArray("conditions");
        conditions.addArray().add("content-length-range").add(upload.size()).add(upload.size());
        conditions.addObject().put("x-amz-checksum-algorithm", "sha256");
        conditions.addObject().put("x-amz-checksum-sha256", checksum);
        conditions.addObject().put("bucket", upload.bucket());
        conditions.addObject().put("key", upload.key());
        conditions.addObject().put("x-amz-algorithm", ALGORITHM);
        conditions.addObject().put("x-amz-credential", credential);
        conditions.addObject().put("x-amz-date", amzDate);
        if (session) {
            conditions.addObject().put("x-amz-security-token", signer.sessionToken());
        }
        String encodedPolicy = Base64.getEncoder().encodeToString(serialize(policy));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("x-amz-checksum-algorithm", "sha256");
        fields.put("x-amz-checksum-sha256", checksum);
        fields.put("key", upload.key());
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        if (session) {
            fields.put("x-amz-security-token", signer.sessionToken());
        }
        fields.put("policy", encodedPolicy);
        fields.put("x-amz-signature", signature(signingKey(signer.secretKey(), date, signer.region(), SERVICE), encodedPolicy));
        return new PresignedPost(upload.url(), fields);
    }

    /** SigV4's signing key: {@code AWS4+secret} HMAC'd with the date, the region, the service, {@code aws4_request}. */
    static byte[] signingKey(String secretKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, TERMINATOR);
    }

    /** The hex HMAC-SHA256 of a string to sign (for a POST, the base64 policy itself). */
    static String signature(byte[] signingKey, String stringToSign) {
        return HexFormat.of().formatHex(hmac(signingKey, stringToSign));
    }

    /**
     * Where the form is posted: path-style {@code <endpoint>/<bucket>} on a custom endpoint,
     * virtual-host {@code <scheme>://<bucket>.<host>/} otherwise, and on AWS
     * {@code https://<bucket>.s3.<region>.amazonaws.com/}.
     */
    static String uploadUrl(S3Properties s3) {
        if (!s3.customEndpoint()) {
            return "https://" + s3.bucket() + ".s3." + s3.region() + ".amazonaws.com/";
        }
        URI endpoint = URI.create(s3.endpoint());
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        if (s3.usesPathStyle()) {
            return endpoint.getScheme() + "://" + endpoint.getHost() + port + path + "/" + s3.bucket();
        }
        return endpoint.getScheme() + "://" + s3.bucket() + "." + endpoint.getHost() + port + path + "/";
    }

    private static byte[] serialize(ObjectNode policy) {
        try {
            return JSON.writeValueAsBytes(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a POST policy", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
