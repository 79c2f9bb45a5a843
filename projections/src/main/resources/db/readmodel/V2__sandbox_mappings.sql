-- Which sandboxes each job uses (DiracX's sb_EntityMapping), short PFNs; and when a sandbox last
-- lost a job, so that one no job uses any more can be removed from the store after a grace period.
CREATE TABLE job_sandboxes (
    job_id      BIGINT        NOT NULL,
    pfn         VARCHAR(256)  NOT NULL,
    kind        VARCHAR(8)    NOT NULL CHECK (kind IN ('Input', 'Output')),
    assigned_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (job_id, kind, pfn)
);
CREATE INDEX job_sandboxes_pfn ON job_sandboxes (pfn);

CREATE TABLE sandbox_releases (
    pfn         VARCHAR(256) PRIMARY KEY,
    released_at TIMESTAMPTZ  NOT NULL
);
