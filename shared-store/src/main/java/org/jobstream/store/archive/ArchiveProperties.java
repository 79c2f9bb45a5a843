package org.jobstream.store.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the archive of finished jobs lives ({@code jobstream.archive.*}), on the object store of
 * {@code jobstream.s3.*}.
 *
 * @param bucket           the bucket of the archived streams (one object a job)
 * @param autoCreateBucket create the bucket the first time a job is archived, when it is missing
 */
@ConfigurationProperties("jobstream.archive")
public record ArchiveProperties(String bucket, Boolean autoCreateBucket) {

    public ArchiveProperties {
        bucket = bucket == null || bucket.isBlank() ? "job-archive" : bucket.strip();
        autoCreateBucket = autoCreateBucket != null && autoCreateBucket;
    }
}
