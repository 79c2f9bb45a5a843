package org.jobstream.command.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;

/** The object store behind the sandboxes: S3 in production, a fake in unit tests. */
interface SandboxStorage {

    /** The bucket every sandbox is in. */
    String bucket();

    /** The object at {@code key}, with its checksum; empty when there is none. */
    Optional<StoredObject> head(String key);

    /** A presigned GET of the object at {@code key}. */
    String presignedGet(String key, Duration validity);

    /**
     * A presigned POST that lets its holder store exactly {@code size} bytes whose SHA-256 is
     * {@code sha256} at {@code key}, and nothing else.
     */
    PresignedPost presignedPost(String key, long size, byte[] sha256, Duration validity);

    /** Stores an empty object at {@code key} (a marker: its existence is what it says). */
    void putMarker(String key);

    /** Every object of the bucket with when it was stored, page by page. */
    void list(Consumer<ListedObject> each);

    /** Deletes the objects at these keys (absent ones are no error). */
    void delete(List<String> keys);

    /** One object of a listing. */
    record ListedObject(String key, Instant lastModified) {
    }
}
