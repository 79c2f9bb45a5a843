package org.jobstream.store.objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the object store is ({@code jobstream.s3.*}): the S3 server of the sandboxes and of the
 * event store's archive of finished jobs.
 *
 * @param endpoint         an S3-compatible server (s3proxy, MinIO, Ceph); empty means AWS itself
 * @param region           the signing region
 * @param accessKey        with {@code secretKey}, static credentials; both empty means the AWS
 *                         default credentials chain (environment, profile, instance role)
 * @param secretKey        see {@code accessKey}
 * @param bucket           the bucket that holds every sandbox
 * @param pathStyle        path-style URLs ({@code <endpoint>/<bucket>/<key>}) for a custom endpoint;
 *                         AWS itself is always addressed virtual-host style
 * @param autoCreateBucket create the bucket at start-up when it is missing
 */
@ConfigurationProperties("jobstream.s3")
public record S3Properties(String endpoint, String region, String accessKey, String secretKey, String bucket,
                           Boolean pathStyle, Boolean autoCreateBucket) {

    public S3Properties {
        endpoint = endpoint == null ? "" : endpoint.strip();
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        accessKey = accessKey == null ? "" : accessKey.strip();
        secretKey = secretKey == null ? "" : secretKey.strip();
        bucket = bucket == null || bucket.isBlank() ? "sandboxes" : bucket.strip();
        pathStyle = pathStyle == null || pathStyle;
        autoCreateBucket = autoCreateBucket != null && autoCreateBucket;
        if (accessKey.isEmpty() != secretKey.isEmpty()) {
            throw new IllegalArgumentException("jobstream.s3.access-key and jobstream.s3.secret-key go together");
        }
    }

    /** Whether the store is a custom endpoint rather than AWS. */
    public boolean customEndpoint() {
        return !endpoint.isEmpty();
    }

    /** Whether objects are addressed path-style: only ever on a custom endpoint. */
    public boolean usesPathStyle() {
        return customEndpoint() && pathStyle;
    }

    public boolean staticCredentials() {
        return !accessKey.isEmpty();
    }
}
