package org.jobstream.command.sandbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory store that records what it was asked. */
final class FakeSandboxStorage implements SandboxStorage {

    final Map<String, StoredObject> objects = new HashMap<>();
    final List<String> heads = new ArrayList<>();
    final List<String> presigned = new ArrayList<>();

    @Override
    public String bucket() {
        return "sandboxes";
    }

    /** Stores content as an upload with a checksum would. */
    void put(String key, byte[] content) {
        objects.put(key, new StoredObject(content.length, Optional.of(sha256Base64(content))));
    }

    @Override
    public void putMarker(String key) {
        objects.put(key, new StoredObject(0, Optional.empty()));
    }

    @Override
    public Optional<StoredObject> head(String key) {
        heads.add(key);
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public String presignedGet(String key, Duration validity) {
        presigned.add(key);
        return "http://store/sandboxes/" + key + "?X-Amz-Expires=" + validity.toSeconds();
    }

    @Override
    public PresignedPost presignedPost(String key, long size, byte[] sha256, Duration validity) {
        presigned.add(key);
        return new PresignedPost("http://store/sandboxes", Map.of("key", key,
                "x-amz-checksum-sha256", Base64.getEncoder().encodeToString(sha256), "size", Long.toString(size)));
    }

    static String sha256Base64(byte[] content) {
        return Base64.getEncoder().encodeToString(sha256(content));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void list(java.util.function.Consumer<ListedObject> each) {
        objects.keySet().forEach(key -> each.accept(new ListedObject(key, java.time.Instant.EPOCH)));
    }

    @Override
    public void delete(List<String> keys) {
        keys.forEach(objects::remove);
    }
}
