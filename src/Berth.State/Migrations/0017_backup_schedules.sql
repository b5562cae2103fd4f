-- Scheduled backups of managed services (issue 12): one row per scheduled service, taken by the leader when due.
CREATE TABLE service_backup_schedules (
    service_id VARCHAR(255) NOT NULL PRIMARY KEY,
    backup_period VARCHAR(32) NOT NULL,
    keep_count INTEGER NOT NULL,
    next_at VARCHAR(40) NOT NULL
);
