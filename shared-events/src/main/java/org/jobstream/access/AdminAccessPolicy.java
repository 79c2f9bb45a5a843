package org.jobstream.access;

/**
 * The access policy of the read models' maintenance operations (rebuild them from the event
 * store, check them against it): job administrators only.
 */
public final class AdminAccessPolicy {

    private AdminAccessPolicy() {
    }

    /**
     * Checks that the caller may run maintenance operations.
     *
     * @throws AccessDeniedException without {@code JobAdministrator}
     */
    public static void checkAdministrator(Caller caller) {
        if (!caller.has(SecurityProperty.JOB_ADMINISTRATOR)) {
            throw new AccessDeniedException("Forbidden");
        }
    }
}
