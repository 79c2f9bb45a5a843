-- What search can see: the consumers commit a batch's rows and its offsets (next_offset) once its
-- documents are written to Elasticsearch, without waiting for them to become searchable; after each
-- refresh of the index, the offsets committed before it began are copied to searchable_offset. The
-- query side's read-your-writes check compares the publisher's progress with searchable_offset.
ALTER TABLE projection_offsets ADD COLUMN searchable_offset BIGINT NOT NULL DEFAULT 0;
