-- Backups of managed services (issue 12): a file under Berth's backup folder with its size and checksum. No foreign key
-- to services: a service's last backup may outlive it.
CREATE TABLE service_backups (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    service_id VARCHAR(255) NOT NULL,
    type VARCHAR(32) NOT NULL,
    state VARCHAR(32) NOT NULL,
    reason TEXT NULL,
    file VARCHAR(512) NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 VARCHAR(64) NULL,
    created_at VARCHAR(40) NOT NULL,
    finished_at VARCHAR(40) NULL
);

CREATE INDEX ix_service_backups_service_id ON service_backups (service_id);
