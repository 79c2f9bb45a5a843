package org.jobstream.command.submission;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a submission request asks for, as one value: equal for two requests exactly when they would
 * create the same jobs for the same owner. That is the JDL strings of the body in their order
 * (their JSON spelling, spaces or escapes, does not matter) and the caller's group, which becomes
 * the jobs' {@code OwnerGroup} (owner and VO are the key's scope already). A SHA-256 of those parts,
 * each with its length, so that no two different lists share an encoding.
 */
final class SubmissionFingerprint {

    /** Changes whenever the encoding below does, so an old fingerprint never equals a new one by chance. */
    private static final String VERSION = "jdl-submission-1";

    private SubmissionFingerprint() {
    }

    /** The fingerprint of a request by a caller of {@code group} with the body {@code jdls} (entries may be null). */
    static String of(String group, List<String> jdls) {
        MessageDigest sha256 = sha256();
        part(sha256, VERSION);
        part(sha256, group);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(jdls.size()).array());
        for (String jdl : jdls) {
            part(sha256, jdl);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void part(MessageDigest sha256, String text) {
        if (text == null) {
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha256.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
