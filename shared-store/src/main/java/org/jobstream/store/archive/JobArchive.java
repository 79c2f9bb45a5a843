package org.jobstream.store.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.EventTableRows.Row;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The archive of finished jobs: each archived job's whole stream of events as one object in the
 * object store ({@code jobs/<id>.json.gz}: the rows exactly as the event table held them, payloads
 * and metadata byte for byte), and its index in the event store ({@code archived_jobs}: the object,
 * the job's owner, its final status, the positions its events had). Readers of a job's events find
 * an archived job here; the audit trail stays complete.
 */
public class JobArchive {

    /** An archived job as the index knows it. */
    public record ArchivedJob(long jobId, String objectKey, long events, long firstPosition, long lastPosition,
                              String owner, String vo, String jobGroup, String finalStatus, String lastEventAt) {
    }

    /** The object's content: the format's version, the job, and its rows in sequence order. */
    record ArchivedStream(int format, long jobId, List<ArchivedRow> events) {
    }

    /** A row of the event table; payload and metadata are the stored JSON text. */
    record ArchivedRow(long position, long sequence, String eventIdentifier, String timestamp, String payloadType,
                       String revision, String payload, String metadata) {

        static ArchivedRow of(Row row) {
            return new ArchivedRow(row.position(), row.sequence(), row.eventIdentifier(), row.timestamp(),
                    row.payloadType(), row.revision(), new String(row.payload(), StandardCharsets.UTF_8),
                    row.metadata() == null ? null : new String(row.metadata(), StandardCharsets.UTF_8));
        }

        Row row(long jobId) {
            return new Row(position, Long.toString(jobId), sequence, eventIdentifier, timestamp, payloadType, revision,
                    payload.getBytes(StandardCharsets.UTF_8),
                    metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final int FORMAT = 1;

    private final S3Client s3;
    private final ArchiveProperties properties;
    private final JdbcClient jdbc;
    private final ObjectMapper json = JobEventCodec.defaultMapper();

    public JobArchive(S3Client s3, ArchiveProperties properties, JdbcClient jdbc) {
        this.s3 = s3;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    public static String objectKey(long jobId) {
        return "jobs/" + jobId + ".json.gz";
    }

    public String bucket() {
        return properties.bucket();
    }

    /** The index entries of those of the jobs that are archived. */
    public List<ArchivedJob> indexed(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT job_id, object_key, events, first_position, last_position, owner, vo, job_group,
                               final_status, last_event_at
                          FROM archived_jobs WHERE job_id = ANY (:ids) ORDER BY job_id""")
                .param("ids", jobIds.toArray(Long[]::new))
                .query((rs, n) -> new ArchivedJob(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10)))
                .list();
    }

    public Optional<ArchivedJob> indexed(long jobId) {
        return indexed(List.of(jobId)).stream().findFirst();
    }

    /** Up to {@code limit} archived job ids above {@code after}, in order. */
    public List<Long> jobsAfter(long after, int limit) {
        return jdbc.sql("SELECT job_id FROM archived_jobs WHERE job_id > :after ORDER BY job_id LIMIT :limit")
                .param("after", after).param("limit", limit).query(Long.class).list();
    }

    /** How many jobs are archived. */
    public long count() {
        return jdbc.sql("SELECT count(*) FROM archived_jobs").query(Long.class).single();
    }

    /** The archived rows of the job, in sequence order; empty when the job is not archived. */
    public List<Row> rowsOf(long jobId) {
        if (indexed(jobId).isEmpty()) {
            return List.of();
        }
        return read(jobId);
    }

    /** Writes the job's stream to the object store, then reads it back: answers once it is durable there. */
    void write(long jobId, List<Row> rows) {
        byte[] object = gzip(new ArchivedStream(FORMAT, jobId, rows.stream().map(ArchivedRow::of).toList()));
        try {
            put(jobId, object);
        } catch (NoSuchBucketException e) {
            if (!properties.autoCreateBucket()) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(properties.bucket()));
            put(jobId, object);
        }
        List<Row> back = read(jobId);
        if (back.size() != rows.size() || back.get(back.size() - 1).sequence() != rows.get(rows.size() - 1).sequence()) {
            throw new IllegalStateException("The archive of job " + jobId + " did not read back as written");
        }
    }

    private void put(long jobId, byte[] object) {
        s3.putObject(p -> p.bucket(properties.bucket()).key(objectKey(jobId)).contentType("application/gzip"),
                RequestBody.fromBytes(object));
    }

    private List<Row> read(long jobId) {
        byte[] object = s3.getObjectAsBytes(g -> g.bucket(properties.bucket()).key(objectKey(jobId))).asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(object))) {
            ArchivedStream stream = json.readValue(in, ArchivedStream.class);
            if (stream.format() != FORMAT || stream.jobId() != jobId) {
                throw new IllegalStateException("The archive object " + objectKey(jobId) + " is not job " + jobId
                        + " in format " + FORMAT);
            }
            return stream.events().stream().map(row -> row.row(jobId)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable archive object " + objectKey(jobId), e);
        }
    }

    private byte[] gzip(ArchivedStream stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            json.writeValue(out, stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
