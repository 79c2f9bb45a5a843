package org.jobstream.access;

import java.util.Optional;
import java.util.Set;

/**
 * Which jobs a caller sees in search, summary and history. Private by default: a caller without
 * {@code JobAdministrator} sees only their own jobs (same owner and VO), or every job of their VO
 * when that VO shares job information among its members (DiracX's {@code GlobalJobsInfo}). Jobs of
 * another VO are never visible to a non-administrator.
 *
 * @param owner the owner every visible job must have, empty when any owner will do
 * @param vo    the VO every visible job must have, empty when any VO will do (administrators)
 */
public record JobVisibility(Optional<String> owner, Optional<String> vo) {

    public static JobVisibility of(Caller caller, Set<String> vosSharingJobInfo) {
        if (caller.has(SecurityProperty.JOB_ADMINISTRATOR)) {
            return new JobVisibility(Optional.empty(), Optional.empty());
        }
        if (vosSharingJobInfo.contains(caller.vo())) {
            return new JobVisibility(Optional.empty(), Optional.of(caller.vo()));
        }
        return new JobVisibility(Optional.of(caller.username()), Optional.of(caller.vo()));
    }

    public boolean unrestricted() {
        return owner.isEmpty() && vo.isEmpty();
    }

    public boolean sees(String jobOwner, String jobVo) {
        return owner.map(o -> o.equals(jobOwner)).orElse(true) && vo.map(v -> v.equals(jobVo)).orElse(true);
    }
}
