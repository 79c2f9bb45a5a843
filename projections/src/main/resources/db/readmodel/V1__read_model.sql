-- The read model of the jobs, owned by the projections service. Every row holds the job sequence
-- number of the newest event applied to it (event_seq): an event is applied only when it is newer,
-- so redelivered events change nothing.

CREATE TABLE jobs (
    job_id             BIGINT       PRIMARY KEY,
    job_type           VARCHAR(255) NOT NULL,
    job_group          VARCHAR(255) NOT NULL,
    site               VARCHAR(255) NOT NULL,
    job_name           VARCHAR(255) NOT NULL,
    owner              VARCHAR(255) NOT NULL,
    owner_group        VARCHAR(255) NOT NULL,
    vo                 VARCHAR(255) NOT NULL,
    submission_time    TIMESTAMPTZ  NOT NULL,
    reschedule_time    TIMESTAMPTZ,
    last_update_time   TIMESTAMPTZ,
    start_exec_time    TIMESTAMPTZ,
    heart_beat_time    TIMESTAMPTZ,
    end_exec_time      TIMESTAMPTZ,
    status             VARCHAR(32)  NOT NULL,
    minor_status       VARCHAR(255) NOT NULL,
    application_status VARCHAR(255) NOT NULL,
    user_priority      INTEGER      NOT NULL,
    reschedule_counter INTEGER      NOT NULL DEFAULT 0,
    verified_flag      BOOLEAN      NOT NULL DEFAULT TRUE,
    accounted_flag     VARCHAR(16)  NOT NULL DEFAULT 'False',
    jdl                TEXT         NOT NULL,
    event_seq          BIGINT       NOT NULL,
    event_position     BIGINT       NOT NULL
);
CREATE INDEX jobs_owner_vo ON jobs (owner, vo);
CREATE INDEX jobs_status ON jobs (status);

-- One row per status record of a job (DiracX's LoggingInfo), keyed by the event that made it.
CREATE TABLE job_logging (
    job_id             BIGINT       NOT NULL,
    event_seq          BIGINT       NOT NULL,
    record_no          INTEGER      NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    minor_status       VARCHAR(255) NOT NULL,
    application_status VARCHAR(255) NOT NULL,
    status_time        TIMESTAMPTZ  NOT NULL,
    source             VARCHAR(255) NOT NULL,
    PRIMARY KEY (job_id, event_seq, record_no)
);

-- Free-form job parameters (heartbeats, metadata patches).
CREATE TABLE job_parameters (
    job_id    BIGINT       NOT NULL,
    name      VARCHAR(255) NOT NULL,
    value     TEXT         NOT NULL,
    PRIMARY KEY (job_id, name)
);

-- The Kafka position of the projections, written in the same transaction as the rows above: the
-- read model and its position never disagree, whatever crashes. The next offset to read, per partition.
CREATE TABLE projection_offsets (
    topic       VARCHAR(255) NOT NULL,
    partition   INTEGER      NOT NULL,
    next_offset BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);
