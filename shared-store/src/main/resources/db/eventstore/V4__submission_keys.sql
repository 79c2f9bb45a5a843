-- Idempotent job submissions (Idempotency-Key header, see docs/architecture.md, "Retries and
-- idempotent submissions"). One row per key a caller gave a submission that created jobs: written
-- by the command service in the transaction that appends the submission's events, so a key is
-- remembered exactly when its jobs exist. Keys belong to the jobs' owner (owner, VO); a row
-- older than the service's keep period (24 h by default) is ignored, replaced by a new use of its
-- key, and deleted by the service's hourly clean-up.
CREATE TABLE submission_keys (
    owner           TEXT         NOT NULL,
    vo              TEXT         NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    -- what the request asked for (a hash of its JDLs and the caller's group): the same key with
    -- another request is refused
    fingerprint     VARCHAR(64)  NOT NULL,
    -- the answer: the jobs created, with the status, minor status and time they all share
    job_ids         BIGINT[]     NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    minor_status    TEXT         NOT NULL,
    submitted_at    TIMESTAMPTZ  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, vo, idempotency_key)
);
CREATE INDEX submission_keys_created_at ON submission_keys (created_at);
