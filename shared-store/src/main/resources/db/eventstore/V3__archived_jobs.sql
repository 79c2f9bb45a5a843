-- Finished jobs whose events moved from the event table to the archive (one object a job in the
-- object store): the index of the archive. Ownership stays here, so access checks need no object;
-- the events' positions say which global indexes the event table no longer holds.
CREATE TABLE archived_jobs (
    job_id         BIGINT       PRIMARY KEY,
    object_key     VARCHAR(255) NOT NULL,
    events         BIGINT       NOT NULL,
    first_position BIGINT       NOT NULL,
    last_position  BIGINT       NOT NULL,
    owner          VARCHAR(255) NOT NULL,
    vo             VARCHAR(255) NOT NULL,
    job_group      VARCHAR(255) NOT NULL,
    final_status   VARCHAR(32)  NOT NULL,
    last_event_at  VARCHAR(64)  NOT NULL,
    archived_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
