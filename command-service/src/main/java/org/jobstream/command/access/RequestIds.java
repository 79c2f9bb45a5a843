package org.jobstream.command.access;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jobstream.web.ApiException;
import org.springframework.http.HttpStatus;

/** Reads the job IDs and timestamps that DiracX's bodies use as JSON object keys. */
public final class RequestIds {

    private RequestIds() {
    }

    /** Keys that are job IDs as text; anything else is {@code 422}. */
    public static <V> Map<Long, V> byJobId(Map<String, V> body) {
        if (body == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "A JSON object keyed by job ID is required");
        }
        Map<Long, V> byId = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            try {
                byId.put(Long.parseLong(key.trim()), value);
            } catch (NumberFormatException e) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Job IDs are integers, not '" + key + "'");
            }
        });
        return byId;
    }

    /**
     * A status update's timestamp: ISO-8601 with a time zone ({@code T} or a space between date and
     * time), or Unix epoch seconds. A time without zone is {@code 400}, as in DiracX.
     */
    public static Instant timestamp(String text, long jobId) {
        String iso = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notZoned) {
            try {
                LocalDateTime naive = LocalDateTime.parse(iso);
                throw ApiException.badRequest("Timestamp " + naive.toString().replace('T', ' ')
                        + " is not timezone aware for job " + jobId);
            } catch (DateTimeParseException notIso) {
                try {
                    double seconds = Double.parseDouble(text.trim());
                    return Instant.ofEpochMilli((long) (seconds * 1000));
                } catch (NumberFormatException e) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                            "Timestamp '" + text + "' of job " + jobId + " is not a date-time");
                }
            }
        }
    }
}
