package org.jobstream.command.sandbox;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.jobstream.access.Caller;
import org.jobstream.access.SandboxPfn;
import org.jobstream.api.SandboxDownloadResponse;
import org.jobstream.api.SandboxUploadResponse;
import org.jobstream.errors.NotFound;
import org.jobstream.errors.Refused;
import org.springframework.stereotype.Service;

/**
 * The rules of the sandbox store, without HTTP: naming, the size limit, deduplication, registration
 * and the integrity check. The store is trusted for nothing: an object is a sandbox only when its
 * size and SHA-256, as the store reports them, are those its name promises.
 *
 * <p>As in DiracX, a sandbox is registered when its upload is initiated: from then on it may be
 * assigned to a job (a job's output sandbox is named before its upload ends), while a download
 * waits for the object itself. The registration is an empty object of the store under
 * {@link #REGISTRATIONS}, beside the sandboxes, so the store stays the sandboxes' one record.
 */
@Service
class Sandboxes {

    /**
     * Where registrations are: {@code registered/<sandbox's object key>}. A sandbox's key has four
     * segments and a registration's five, so neither is ever taken for the other.
     */
    static final String REGISTRATIONS = "registered/";

    private final SandboxStorage storage;
    private final SandboxProperties properties;

    Sandboxes(SandboxStorage storage, SandboxProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    String bucket() {
        return storage.bucket();
    }

    /**
     * What the caller should do to store this sandbox: nothing when it is already there, else a
     * presigned POST that the store accepts only for exactly these bytes.
     */
    SandboxUploadResponse initiateUpload(Caller caller, SandboxInfo info) {
        SandboxPfn pfn = pfnOf(caller, info);
        if (info.size() > properties.maxSizeBytes()) {
            throw new Refused("Sandbox too large, maximum allowed is " + properties.maxSizeBytes() + " bytes");
        }
        byte[] sha256 = HexFormat.of().parseHex(pfn.checksum());
        String fullPfn = pfn.fullForm(properties.seName());
        Optional<StoredObject> stored = storage.head(pfn.objectKey());
        if (stored.filter(o -> o.size() == info.size() && intact(o, sha256)).isPresent()) {
            return SandboxUploadResponse.alreadyUploaded(fullPfn);
        }
        storage.putMarker(registrationKey(pfn));
        PresignedPost post = storage.presignedPost(pfn.objectKey(), info.size(), sha256, properties.urlValidity());
        return new SandboxUploadResponse(fullPfn, post.url(), post.fields());
    }

    /**
     * Whether the sandbox is known: its upload was initiated (registered), or it is in the store
     * intact (sandboxes stored before registrations existed, or whose registration was cleaned).
     */
    boolean registered(SandboxPfn pfn) {
        if (!ours(pfn)) {
            return false;
        }
        return storage.head(registrationKey(pfn)).isPresent() || find(pfn).isPresent();
    }

    static String registrationKey(SandboxPfn pfn) {
        return REGISTRATIONS + pfn.objectKey();
    }

    /** The sandbox, when the store holds it intact (the content whose SHA-256 its name carries). */
    Optional<StoredObject> find(SandboxPfn pfn) {
        if (!ours(pfn)) {
            return Optional.empty();
        }
        byte[] sha256 = HexFormat.of().parseHex(pfn.checksum());
        return storage.head(pfn.objectKey()).filter(o -> intact(o, sha256));
    }

    /** A presigned GET of a sandbox that {@link #find} found. */
    SandboxDownloadResponse downloadUrl(SandboxPfn pfn) {
        return new SandboxDownloadResponse(storage.presignedGet(pfn.objectKey(), properties.urlValidity()),
                properties.urlValidity().toSeconds());
    }

    Refused notFound(SandboxPfn pfn) {
        return new Refused("Sandbox with " + pfn.shortForm() + " and " + properties.seName() + " not found");
    }

    /** A registered sandbox whose upload has not (or not intact) reached the store. */
    NotFound notUploaded(SandboxPfn pfn) {
        return new NotFound("Sandbox " + pfn.shortForm() + " is not in the store: its upload has not completed");
    }

    private boolean ours(SandboxPfn pfn) {
        return pfn.bucket().equals(storage.bucket()) && SandboxPfn.SHA256.equals(pfn.algorithm());
    }

    /**
     * The sandbox's name. DiracX keeps the checksum's case, and then refuses its own upper-case PFNs
     * at download (its pattern is lower-case only): lower-case it, so every PFN handed out works.
     */
    private SandboxPfn pfnOf(Caller caller, SandboxInfo info) {
        try {
            return SandboxPfn.of(storage.bucket(), caller.vo(), caller.group(), caller.username(),
                    info.checksum().toLowerCase(Locale.ROOT), info.format());
        } catch (IllegalArgumentException e) {
            throw new Refused("Cannot name a sandbox for this identity: " + e.getMessage());
        }
    }

    private static boolean intact(StoredObject object, byte[] sha256) {
        String expected = Base64.getEncoder().encodeToString(sha256);
        return object.sha256Base64().filter(expected::equals).isPresent();
    }
}
