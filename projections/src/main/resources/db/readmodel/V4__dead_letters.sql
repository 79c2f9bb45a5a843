-- Events the projections could not apply: parked, never silent. Each stays unresolved (the health
-- endpoint, ./jobstream status and ./jobstream check report it, and query answers say how many
-- there are) until ./jobstream dead-letters replay applies it from the event store.
CREATE TABLE dead_letters (
    id             BIGSERIAL    PRIMARY KEY,
    topic          VARCHAR(255) NOT NULL,
    partition      INTEGER      NOT NULL,
    kafka_offset   BIGINT       NOT NULL,
    job_id         BIGINT,
    event_id       VARCHAR(255),
    event_position BIGINT,
    event_type     VARCHAR(255),
    reason         TEXT         NOT NULL,
    parked_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    resolved_at    TIMESTAMPTZ,
    UNIQUE (topic, partition, kafka_offset)
);
CREATE INDEX dead_letters_unresolved ON dead_letters (parked_at) WHERE resolved_at IS NULL;
