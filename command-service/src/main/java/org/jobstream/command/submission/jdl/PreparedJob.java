package org.jobstream.command.submission.jdl;

import java.util.List;

/**
 * A checked and completed job description, with the job attributes the Jobs table takes from
 * it. Produced by {@link JobManifest#prepare}; once the job id is reserved, {@link #withJobId}
 * gives the form to store.
 *
 * @param jdl the completed job description
 * @param jobName {@code JobName}, default {@code Unknown}
 * @param jobType {@code JobType}, default {@code User}
 * @param jobGroup {@code JobGroup}, default {@code 00000000}
 * @param site {@code Site}; {@code Multiple} when it names several sites, default {@code ANY}
 * @param userPriority the integer {@code Priority}
 * @param inputData the LFNs of {@code InputData}, blanks dropped
 * @param inputSandbox the entries of {@code InputSandbox} (e.g. {@code SB:...} references)
 */
public record PreparedJob(
        ClassAd jdl,
        String jobName,
        String jobType,
        String jobGroup,
        String site,
        int userPriority,
        List<String> inputData,
        List<String> inputSandbox) {

    static final String DEFAULT_JOB_NAME = "Unknown";
    static final String DEFAULT_JOB_TYPE = "User";
    static final String DEFAULT_JOB_GROUP = "00000000";
    static final String DEFAULT_SITE = "ANY";

    public PreparedJob {
        inputData = List.copyOf(inputData);
        inputSandbox = List.copyOf(inputSandbox);
    }

    /** Derives the job attributes from a completed description. */
    static PreparedJob of(ClassAd jdl) {
        String site = text(jdl, "Site", DEFAULT_SITE);
        return new PreparedJob(
                jdl,
                text(jdl, "JobName", DEFAULT_JOB_NAME),
                text(jdl, "JobType", DEFAULT_JOB_TYPE),
                text(jdl, "JobGroup", DEFAULT_JOB_GROUP),
                site.contains(",") ? "Multiple" : site,
                jdl.getInt("Priority").orElse(0),
                jdl.getList("InputData"),
                jdl.getList("InputSandbox"));
    }

    /**
     * The job as stored once its id is known: {@code JobID = id} is set, every {@code %j} in
     * every value is replaced by the id, and the job attributes are derived again (a
     * {@code JobName} of {@code "job_%j"} becomes {@code job_17}).
     */
    public PreparedJob withJobId(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("job ids are positive: " + id);
        }
        ClassAd withId = new Placeholders(Long.MAX_VALUE).substitute(jdl, "%j", JdlValue.number(id));
        return of(withId.withNumber("JobID", id));
    }

    /** The description as DiracX stores it: canonical JDL with attributes sorted by name. */
    public String storedJdl() {
        return JdlPrinter.printSorted(jdl);
    }

    /** A scalar's text, or a list's entries joined with ", "; the default when absent or blank. */
    private static String text(ClassAd jdl, String name, String fallback) {
        String text = jdl.getString(name).orElseGet(() -> String.join(", ", jdl.getList(name))).trim();
        return text.isEmpty() ? fallback : text;
    }
}
