package org.jobstream.command.submission.jdl;

import java.util.Objects;

/**
 * Who submits a job, taken from the caller's token. A JDL cannot choose these: they are forced
 * into every job description.
 *
 * @param owner the caller's {@code preferred_username}
 * @param ownerGroup the caller's DIRAC group
 * @param vo the caller's virtual organization
 */
public record JobOwner(String owner, String ownerGroup, String vo) {

    public JobOwner {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ownerGroup, "ownerGroup");
        Objects.requireNonNull(vo, "vo");
    }
}
