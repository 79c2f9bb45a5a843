package org.jobstream.projections.consumer;

import java.util.List;
import java.util.Map;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.projections.consumer.DeadLetterLog.DeadLetter;
import org.jobstream.projections.index.JobIndex;
import org.jobstream.projections.jobs.JobDocuments;
import org.jobstream.projections.jobs.JobRows.StoredJob;
import org.jobstream.projections.jobs.JobTableProjector;
import org.jobstream.store.EventStoreReader;
import org.jobstream.store.EventStoreReader.IndexRange;
import org.jobstream.store.EventStoreReader.StoredEvent;
import org.jobstream.projections.rebuild.Progress;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the parked events again, after a fix: each is read from the event store (the source of
 * truth, not the parked record) and applied as the consumers would, in its own transaction; one
 * that applies is resolved, one that still fails keeps its place with the new reason.
 */
@Component
public class DeadLetterReplay {

    private final DeadLetterLog log;
    private final EventStoreReader store;
    private final JobTableProjector tables;
    private final JobDocuments documents;
    private final JobIndex index;
    private final TransactionTemplate transactions;

    DeadLetterReplay(DeadLetterLog log, EventStoreReader store, JobTableProjector tables, JobDocuments documents,
                     JobIndex index, TransactionTemplate transactions) {
        this.log = log;
        this.store = store;
        this.tables = tables;
        this.documents = documents;
        this.index = index;
        this.transactions = transactions;
    }

    /** Replays every unresolved parked event; answers how many remain unresolved. */
    public long run(Progress progress) {
        List<DeadLetter> parked = log.unresolved();
        progress.line(parked.size() + " unresolved dead letters");
        int resolved = 0;
        for (DeadLetter letter : parked) {
            String outcome = replay(letter);
            if (outcome == null) {
                resolved++;
                progress.line("applied " + describe(letter));
            } else {
                progress.line("still failing " + describe(letter) + ": " + outcome);
            }
        }
        if (resolved > 0) {
            index.refreshAlias();
        }
        long remaining = log.unresolvedCount();
        progress.line(resolved + " applied, " + remaining + " unresolved");
        return remaining;
    }

    /** Null when the event applied (or no longer needs to); otherwise why not. */
    private String replay(DeadLetter letter) {
        if (letter.position() == null) {
            return "the parked record was not a readable job event, so there is no event to apply";
        }
        List<StoredEvent> found = store.readRanges(List.of(new IndexRange(letter.position(), letter.position())));
        if (found.isEmpty() || found.get(0).event() == null) {
            String reason = found.isEmpty() ? "no event at position " + letter.position() + " in the event store"
                    : "the stored event is unreadable: " + found.get(0).unreadable();
            log.stillFailing(letter.id(), reason);
            return reason;
        }
        RecordedJobEvent event = found.get(0).event();
        try {
            transactions.executeWithoutResult(status -> {
                Map<Long, StoredJob> changed = tables.apply(List.of(event));
                index.index(documents.of(changed.values()));
                log.resolved(letter.id());
            });
            return null;
        } catch (RuntimeException e) {
            log.stillFailing(letter.id(), String.valueOf(e.getMessage()));
            return e.getMessage();
        }
    }

    private static String describe(DeadLetter letter) {
        return "#" + letter.id() + " (job " + letter.jobId() + ", " + letter.type() + " at position " + letter.position()
                + ", " + letter.topic() + "-" + letter.partition() + "@" + letter.offset() + ")";
    }
}
