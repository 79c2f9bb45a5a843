package org.jobstream.access;

import java.util.Collection;
import java.util.Set;

/**
 * The WMS access policy of the jobs API: pure rules, evaluated in this order (first match wins):
 * <ol>
 *   <li>{@code PILOT} is treated as {@code MANAGE};</li>
 *   <li>{@code CREATE} needs {@code NormalUser} (an administrator without it cannot submit);</li>
 *   <li>a {@code GenericPilot} may {@code MANAGE} any job;</li>
 *   <li>a {@code JobAdministrator} may do anything else to any job;</li>
 *   <li>without {@code NormalUser}, nothing;</li>
 *   <li>{@code QUERY} is allowed (restricted to the visible jobs);</li>
 *   <li>{@code READ}/{@code MANAGE} need every requested job to exist and to be the caller's.</li>
 * </ol>
 * A normal user therefore gets {@code 403} for a job that does not exist, never {@code 404}.
 */
public final class WmsAccessPolicy {

    private WmsAccessPolicy() {
    }

    /**
     * Checks an action that names no jobs ({@code CREATE}, {@code QUERY}), or decides whether the
     * caller needs an ownership check for the others.
     *
     * @return true when the caller may act on any job without ownership check
     * @throws AccessDeniedException when the caller may not do this at all
     */
    public static boolean check(Caller caller, WmsAction action) {
        WmsAction effective = action == WmsAction.PILOT ? WmsAction.MANAGE : action;
        if (effective == WmsAction.CREATE) {
            if (!caller.has(SecurityProperty.NORMAL_USER)) {
                throw new AccessDeniedException("Forbidden");
            }
            return true;
        }
        if (effective == WmsAction.MANAGE && caller.has(SecurityProperty.GENERIC_PILOT)) {
            return true;
        }
        if (caller.has(SecurityProperty.JOB_ADMINISTRATOR)) {
            return true;
        }
        if (!caller.has(SecurityProperty.NORMAL_USER)) {
            throw new AccessDeniedException("Forbidden");
        }
        return effective == WmsAction.QUERY;
    }

    /**
     * Checks an action on given jobs.
     *
     * @param requestedIds the distinct job IDs the request names
     * @param found        the ownership of those of them that exist
     * @throws AccessDeniedException unless the caller may do the action on every one of them
     */
    public static void checkJobs(Caller caller, WmsAction action, Set<Long> requestedIds,
                                 Collection<JobOwnership> found) {
        if (check(caller, action)) {
            return;
        }
        boolean allFoundAndOwned = !requestedIds.isEmpty()
                && found.size() == requestedIds.size()
                && found.stream().allMatch(j -> requestedIds.contains(j.jobId()) && caller.owns(j.owner(), j.vo()));
        if (!allFoundAndOwned) {
            throw new AccessDeniedException("Forbidden");
        }
    }
}
