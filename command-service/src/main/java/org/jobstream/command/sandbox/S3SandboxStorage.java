package org.jobstream.command.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jobstream.errors.Unavailable;
import org.jobstream.store.objects.S3Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The sandboxes in an S3 bucket: HEAD and presigned GET through the SDK, presigned POST by {@link PostPolicySigner}. */
class S3SandboxStorage implements SandboxStorage {

    private static final Logger log = LoggerFactory.getLogger(S3SandboxStorage.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final S3Properties properties;
    private final String uploadUrl;
    private final Clock clock;

    S3SandboxStorage(S3Client s3, S3Presigner presigner, AwsCredentialsProvider credentials, S3Properties properties,
                     Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.credentials = credentials;
        this.properties = properties;
        this.uploadUrl = PostPolicySigner.uploadUrl(properties);
        this.clock = clock;
    }

    @Override
    public String bucket() {
        return properties.bucket();
    }

    @Override
    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head = unavailableAs503(() -> s3.headObject(b -> b.bucket(bucket()).key(key)
                    .checksumMode(ChecksumMode.ENABLED)));
            return Optional.of(new StoredObject(head.contentLength(), Optional.ofNullable(head.checksumSHA256())));
        } catch (S3Exception e) {
            if (e.statusCode() == HttpStatus.NOT_FOUND.value()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String presignedGet(String key, Duration validity) {
        return presigner.presignGetObject(p -> p.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(bucket()).key(key))).url().toString();
    }

    @Override
    public PresignedPost presignedPost(String key, long size, byte[] sha256, Duration validity) {
        // Resolved for every upload: temporary credentials (instance roles, SSO) rotate.
        AwsCredentials current = unavailableAs503(credentials::resolveCredentials);
        String token = current instanceof AwsSessionCredentials session ? session.sessionToken() : "";
        return PostPolicySigner.sign(
                new PostPolicySigner.Signer(current.accessKeyId(), current.secretAccessKey(), token, properties.region()),
                new PostPolicySigner.Upload(uploadUrl, bucket(), key, size, sha256),
                clock.instant(), validity);
    }

    @Override
    public void putMarker(String key) {
        unavailableAs503(() -> s3.putObject(b -> b.bucket(bucket()).key(key),
                software.amazon.awssdk.core.sync.RequestBody.empty()));
    }

    /** Creates the bucket when it is missing; a store that cannot be reached now is only a warning. */
    void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != HttpStatus.NOT_FOUND.value()) {
                log.warn("Cannot check the sandbox bucket {}: {}", bucket(), e.getMessage());
                return;
            }
            log.info("Creating the sandbox bucket {}", bucket());
            s3.createBucket(b -> b.bucket(bucket()));
        } catch (SdkClientException e) {
            log.warn("The sandbox store is not reachable; the bucket {} is not checked: {}", bucket(), e.getMessage());
        }
    }

    private static <T> T unavailableAs503(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            log.warn("Sandbox store unavailable: {}", e.getMessage());
            throw new Unavailable("Sandbox store unavailable");
        }
    }

    @Override
    public void list(java.util.function.Consumer<ListedObject> each) {
        unavailableAs503(() -> {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket())).contents()
                    .forEach(object -> each.accept(new ListedObject(object.key(), object.lastModified())));
            return null;
        });
    }

    @Override
    public void delete(java.util.List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            java.util.List<software.amazon.awssdk.services.s3.model.ObjectIdentifier> chunk = keys
                    .subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(key -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key(key).build())
                    .toList();
            unavailableAs503(() -> s3.deleteObjects(b -> b.bucket(bucket()).delete(d -> d.objects(chunk).quiet(true))));
        }
    }
}
