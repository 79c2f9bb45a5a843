package org.jobstream.access;

/** Who owns a job: the (owner, VO) pair the policies compare with the caller. */
public record JobOwnership(long jobId, String owner, String vo) {
}
