package org.jobstream.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a sandbox in the sandbox store, DiracX's PFN. Its short form is
 * {@code /S3/<bucket>/<vo>/<group>/<username>/<algorithm>:<checksum>.<format>}; clients get the full
 * form {@code SB:<SE name>|<short form>} and may send either back. The name is content-addressed per
 * owner: the same bytes uploaded by the same (user, group, VO) always have the same PFN.
 *
 * <p>Every instance matches {@link #PATTERN}, so every PFN this type hands out can be sent back:
 * the SE name is letters only and the checksum lower-case hex, as DiracX requires.
 *
 * @param bucket    the store's bucket
 * @param vo        the owner's VO
 * @param group     the owner's DIRAC group
 * @param username  the owner's {@code preferred_username}
 * @param algorithm the checksum algorithm, e.g. {@code sha256}
 * @param checksum  the content's checksum, lower-case hex
 * @param format    the archive format, e.g. {@code tar.bz2}
 */
public record SandboxPfn(String bucket, String vo, String group, String username,
                         String algorithm, String checksum, String format) {

    /** The longest PFN (in either form) that DiracX accepts. */
    public static final int MAX_LENGTH = 256;

    /**
     * DiracX's pattern, character for character. Its {@code (:?} is a typo for {@code (?:} that also
     * lets one leading {@code :} through; kept, so that exactly the same strings are accepted.
     */
    public static final String PATTERN =
            "^(:?SB:[A-Za-z]+\\|)?/S3/[a-z0-9\\.\\-]{3,63}(?:/[^/]+){3}/[a-z0-9]{3,10}:[0-9a-f]{64}\\.[a-z0-9\\.]+$";

    /** The SHA-256 algorithm, the only one a sandbox is uploaded with. */
    public static final String SHA256 = "sha256";

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern PARTS = Pattern.compile(
            "(?::?SB:([A-Za-z]+)\\|)?/S3/([a-z0-9.\\-]{3,63})/([^/]+)/([^/]+)/([^/]+)/([a-z0-9]{3,10}):([0-9a-f]{64})\\.([a-z0-9.]+)");
    private static final Pattern SE_NAME = Pattern.compile("[A-Za-z]+");

    public SandboxPfn {
        String shortForm = "/S3/" + bucket + "/" + vo + "/" + group + "/" + username + "/"
                + algorithm + ":" + checksum + "." + format;
        Matcher parts = PARTS.matcher(shortForm);
        // Each part must be exactly what the pattern reads back (no '/' smuggled into a segment).
        if (!parts.matches() || shortForm.length() > MAX_LENGTH
                || !parts.group(2).equals(bucket) || !parts.group(3).equals(vo) || !parts.group(4).equals(group)
                || !parts.group(5).equals(username) || !parts.group(6).equals(algorithm)
                || !parts.group(7).equals(checksum) || !parts.group(8).equals(format)) {
            throw new IllegalArgumentException("Not a valid sandbox PFN: " + shortForm);
        }
    }

    /** The PFN of a SHA-256-addressed sandbox of the given owner. */
    public static SandboxPfn of(String bucket, String vo, String group, String username, String checksum, String format) {
        return new SandboxPfn(bucket, vo, group, username, SHA256, checksum, format);
    }

    /**
     * Reads a PFN in either form (the SE name of the full form is not kept: the store's own SE is
     * authoritative, as in DiracX).
     *
     * @throws IllegalArgumentException when the text is longer than {@link #MAX_LENGTH} or does not
     *                                  match {@link #PATTERN}
     */
    public static SandboxPfn parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("Not a valid sandbox PFN: " + text));
    }

    /** Like {@link #parse(String)}, empty for text that is not a valid PFN. */
    public static Optional<SandboxPfn> tryParse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !VALID.matcher(text).matches()) {
            return Optional.empty();
        }
        Matcher parts = PARTS.matcher(text);
        if (!parts.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SandboxPfn(parts.group(2), parts.group(3), parts.group(4), parts.group(5),
                parts.group(6), parts.group(7), parts.group(8)));
    }

    /**
     * The short form of any sandbox reference, valid or not: the text after {@code SB:<SE>|}, or
     * the text itself when it has no such prefix (JDL input sandboxes are taken as written).
     */
    public static String shortFormOf(String reference) {
        int bar = reference.indexOf('|');
        return bar < 0 ? reference : reference.substring(bar + 1);
    }

    /** {@code /S3/<bucket>/<object key>}: the form DiracX stores and lists. */
    public String shortForm() {
        return "/S3/" + bucket + "/" + objectKey();
    }

    /** {@code SB:<seName>|<short form>}: the form answered to an upload. */
    public String fullForm(String seName) {
        if (seName == null || !SE_NAME.matcher(seName).matches()) {
            throw new IllegalArgumentException("An SE name is letters only: " + seName);
        }
        return "SB:" + seName + "|" + shortForm();
    }

    /** The key of the sandbox's object in {@link #bucket()}: {@code <vo>/<group>/<username>/<algorithm>:<checksum>.<format>}. */
    public String objectKey() {
        return vo + "/" + group + "/" + username + "/" + algorithm + ":" + checksum + "." + format;
    }

    @Override
    public String toString() {
        return shortForm();
    }
}
