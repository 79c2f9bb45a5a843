package org.jobstream.projections.check;

/**
 * One way in which a live read model differs from the replay of the event store.
 *
 * @param jobId  the job, or null for a row of a table that is not about one job
 * @param where  the table (and the row's key beyond the job), or {@code index} for the Elasticsearch document
 * @param detail what differs: a missing or extra row, or the differing columns with both values
 */
public record Difference(Long jobId, String where, String detail) {

    @Override
    public String toString() {
        return (jobId == null ? "" : "job " + jobId + " ") + where + ": " + detail;
    }
}
