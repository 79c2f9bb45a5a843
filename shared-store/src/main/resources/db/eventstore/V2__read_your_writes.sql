-- What a read needs to see its caller's own writes, without waiting for anyone else's (see
-- docs/architecture.md, "Consistency"). Jobstream's own tables beside Axon's, read and written only
-- through the shared-store module.

-- The newest event-store position of each caller's acknowledged commands: the command service
-- raises it before it answers; a read by the same caller (token subject) waits until the read
-- models include it.
CREATE TABLE caller_positions (
    subject    VARCHAR(255) PRIMARY KEY,
    position   BIGINT       NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The publisher's progress, one row per batch it put on Kafka, written in the transaction that
-- moves its token. After the batch every event below `position` was published, except `gaps`
-- (positions it had not seen: in flight, rolled back, or committed later and published in a later
-- batch). next_offsets[p + 1] is the offset after the newest record published so far to partition
-- p of the job events topic, so a read model whose consumers have reached those offsets includes
-- every event the row covers. newest_event is the time of the newest event published so far.
CREATE TABLE publish_progress (
    position     BIGINT      PRIMARY KEY,
    gaps         BIGINT[]    NOT NULL,
    next_offsets BIGINT[]    NOT NULL,
    newest_event TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX publish_progress_published_at ON publish_progress (published_at);
