-- Dead letters re-driven by `frontdesk dlq replay`, by their place on the dead-letter
-- topic, so a second replay of the same selection produces nothing.
CREATE TABLE IF NOT EXISTS dlq_replays (
    dl_topic TEXT NOT NULL,
    dl_partition INTEGER NOT NULL,
    dl_offset BIGINT NOT NULL,
    replayed_at BIGINT NOT NULL,
    PRIMARY KEY (dl_topic, dl_partition, dl_offset)
);
