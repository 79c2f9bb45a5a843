package org.jobstream.command.access;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jobstream.api.Limits;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.jobstream.errors.TooLarge;
import org.jobstream.events.JobAttribute;

/** Reads the job IDs and timestamps that DiracX's bodies use as JSON object keys. */
public final class RequestIds {

    /** Epoch seconds beyond any time in range: larger values are refused without converting them. */
    private static final double MAX_EPOCH_SECONDS = 1e12;

    private RequestIds() {
    }

    /** Keys that are job IDs as text; anything else is {@code 422}. */
    public static <V> Map<Long, V> byJobId(Map<String, V> body) {
        if (body == null) {
            throw new Invalid("A JSON object keyed by job ID is required");
        }
        checkCount(body.size());
        Map<Long, V> byId = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            try {
                byId.put(Long.parseLong(key.trim()), value);
            } catch (NumberFormatException e) {
                throw new Invalid("Job IDs are integers, not '" + key + "'");
            }
        });
        return byId;
    }

    /** @throws TooLarge when a request names more than {@link Limits#MAX_JOB_IDS} jobs */
    public static void checkCount(int jobIds) {
        if (jobIds > Limits.MAX_JOB_IDS) {
            throw new TooLarge("A request may name at most " + Limits.MAX_JOB_IDS
                    + " jobs, not " + jobIds);
        }
    }

    /**
     * A status update's timestamp: ISO-8601 with a time zone ({@code T} or a space between date and
     * time), or Unix epoch seconds; between {@link JobAttribute#EARLIEST} and {@link JobAttribute#LATEST}
     * ({@code 422} otherwise). A time without zone is {@code 400}, as in DiracX.
     */
    public static Instant timestamp(String text, long jobId) {
        Instant time = parseTimestamp(text, jobId);
        if (!JobAttribute.inRange(time)) {
            throw new Invalid("Timestamp '" + text + "' of job " + jobId
                    + " is out of range (" + JobAttribute.EARLIEST + " to " + JobAttribute.LATEST + ")");
        }
        return time;
    }

    private static Instant parseTimestamp(String text, long jobId) {
        String iso = text.trim().replace(' ', 'T');
        try {
            return JobAttribute.storedPrecision(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException notZoned) {
            try {
                LocalDateTime naive = LocalDateTime.parse(iso);
                throw new Refused("Timestamp " + naive.toString().replace('T', ' ')
                        + " is not timezone aware for job " + jobId);
            } catch (DateTimeParseException notIso) {
                try {
                    double seconds = Double.parseDouble(text.trim());
                    if (!Double.isFinite(seconds) || Math.abs(seconds) > MAX_EPOCH_SECONDS) {
                        return Instant.MAX; // out of range, refused by the caller
                    }
                    return Instant.ofEpochMilli(Math.round(seconds * 1000));
                } catch (NumberFormatException e) {
                    throw new Invalid("Timestamp '" + text + "' of job " + jobId + " is not a date-time");
                }
            }
        }
    }
}
