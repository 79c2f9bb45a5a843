package org.jobstream.commands;

import java.util.List;

/**
 * Patch the metadata of several jobs at once, all or none: one invalid value leaves every job of
 * the request as it was.
 */
public record PatchJobsMetadata(List<PatchJobMetadata> patches) {

    public PatchJobsMetadata {
        if (patches == null || patches.isEmpty()) {
            throw new IllegalArgumentException("PatchJobsMetadata needs at least one patch");
        }
        patches = List.copyOf(patches);
    }
}
