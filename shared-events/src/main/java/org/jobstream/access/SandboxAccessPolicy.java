package org.jobstream.access;

/**
 * The sandbox access policy of the jobs API: pure rules, evaluated in DiracX's order (first match
 * wins):
 * <ol>
 *   <li>{@code CREATE} (initiate an upload) needs {@code NormalUser}; a {@code JobAdministrator}
 *       without it cannot upload;</li>
 *   <li>a {@code JobAdministrator} may read any sandbox;</li>
 *   <li>without {@code NormalUser}, nothing;</li>
 *   <li>a normal user may {@code READ} (download) a PFN only under their own prefix
 *       {@code /S3/<bucket>/<vo>/<group>/<username>/}, built from the current token (so a sandbox
 *       uploaded under another group is out of reach), and only a sandbox that is registered (its
 *       upload was initiated): otherwise {@code 403}, never {@code 400}.</li>
 * </ol>
 */
public final class SandboxAccessPolicy {

    private SandboxAccessPolicy() {
    }

    /**
     * Checks that the caller may initiate a sandbox upload.
     *
     * @throws AccessDeniedException without {@code NormalUser}
     */
    public static void checkCreate(Caller caller) {
        if (!caller.has(SecurityProperty.NORMAL_USER)) {
            throw new AccessDeniedException("Forbidden");
        }
    }

    /**
     * Checks that the caller may download a sandbox.
     *
     * @param bucket the store's bucket, part of the caller's prefix
     * @param pfn    the requested sandbox
     * @param registered whether the sandbox is registered (its upload initiated, or it is in the
     *                   store): for a normal user this stands in for DiracX's ownership record,
     *                   which the initiation of an upload creates
     * @throws AccessDeniedException unless the caller may download it
     */
    public static void checkRead(Caller caller, String bucket, SandboxPfn pfn, boolean registered) {
        if (caller.has(SecurityProperty.JOB_ADMINISTRATOR)) {
            return;
        }
        if (!caller.has(SecurityProperty.NORMAL_USER)) {
            throw new AccessDeniedException("Forbidden");
        }
        String prefix = requiredPrefix(caller, bucket);
        if (!pfn.shortForm().startsWith(prefix)) {
            throw new AccessDeniedException("Invalid PFN. PFN must start with " + prefix);
        }
        if (!registered) {
            throw new AccessDeniedException(caller.username() + " is not the owner of the sandbox");
        }
    }

    /** {@code /S3/<bucket>/<vo>/<group>/<username>/}: where the caller's own sandboxes are. */
    public static String requiredPrefix(Caller caller, String bucket) {
        return "/S3/" + bucket + "/" + caller.vo() + "/" + caller.group() + "/" + caller.username() + "/";
    }
}
