package org.jobstream.query.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.events.JobAttribute;

/**
 * A job's index document for tests, as the projections write it: every attribute under its wire
 * name (dates as ISO text), and the parameters' fields from {@link JobParameterTerms}.
 */
final class JobDocument {

    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<String, String> parameters = new TreeMap<>();

    private JobDocument(long jobId) {
        for (JobAttribute attribute : JobAttribute.values()) {
            attributes.put(attribute.wireName(), null);
        }
        attributes.put("JobID", jobId);
        attributes.put("JobType", "User");
        attributes.put("JobGroup", "00000000");
        attributes.put("Site", "ANY");
        attributes.put("JobName", "job-" + jobId);
        attributes.put("Owner", "alice");
        attributes.put("OwnerGroup", "lhcb_user");
        attributes.put("VO", "lhcb");
        attributes.put("SubmissionTime", "2025-05-25T07:03:35Z");
        attributes.put("LastUpdateTime", "2025-05-25T07:03:35Z");
        attributes.put("Status", "Received");
        attributes.put("MinorStatus", "Job accepted");
        attributes.put("ApplicationStatus", "Unknown");
        attributes.put("UserPriority", 1L);
        attributes.put("RescheduleCounter", 0L);
        attributes.put("VerifiedFlag", true);
        attributes.put("AccountedFlag", false);
    }

    static JobDocument job(long jobId) {
        return new JobDocument(jobId);
    }

    JobDocument with(String attribute, Object value) {
        if (!attributes.containsKey(attribute)) {
            throw new IllegalArgumentException("not an attribute: " + attribute);
        }
        attributes.put(attribute, value);
        return this;
    }

    JobDocument owner(String owner, String vo) {
        return with("Owner", owner).with("VO", vo);
    }

    JobDocument parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>(attributes);
        document.putAll(JobParameterTerms.documentFields(parameters));
        return document;
    }
}
