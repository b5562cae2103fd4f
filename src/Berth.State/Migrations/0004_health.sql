-- Health checks, self-healing, events (issue 5). Additive only: new tables, new nullable or defaulted columns.
CREATE TABLE app_events (
    seq BIGINT NOT NULL PRIMARY KEY,
    app_id VARCHAR(255) NOT NULL,
    type VARCHAR(64) NOT NULL,
    message TEXT NOT NULL,
    instance_id VARCHAR(255) NULL,
    host_name VARCHAR(255) NULL,
    logs TEXT NULL,
    at VARCHAR(40) NOT NULL
);

CREATE INDEX ix_app_events_app_seq ON app_events (app_id, seq);

CREATE TABLE host_status (
    host_name VARCHAR(255) NOT NULL PRIMARY KEY,
    down_since VARCHAR(40) NOT NULL
);

CREATE TABLE cluster_settings (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    value VARCHAR(255) NOT NULL
);

ALTER TABLE instances ADD COLUMN restart_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE instances ADD COLUMN last_restart_at VARCHAR(40) NULL;
ALTER TABLE instances ADD COLUMN next_restart_at VARCHAR(40) NULL;
ALTER TABLE instances ADD COLUMN unhealthy_since VARCHAR(40) NULL;
ALTER TABLE apps ADD COLUMN deleting BOOLEAN NOT NULL DEFAULT FALSE;
