-- Multi-host placement: a host can be drained and reached over TLS; an app carries its placement rules as JSON
-- (strategy, constraints, affinity, spread, global). Plain portable DDL, like 0001.
ALTER TABLE hosts ADD COLUMN drain BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN tls_json TEXT NULL;
ALTER TABLE apps ADD COLUMN placement_json TEXT NULL;
CREATE INDEX ix_instances_host_name_app_id ON instances (host_name, app_id, version);

-- What a host's instances hold, kept on the host row by the transactions that reserve and release them, so a
-- reservation checks capacity in the same conditional UPDATE that claims the host's version, and the scheduler's
-- snapshot is one plain read of the hosts table.
ALTER TABLE hosts ADD COLUMN reserved_memory_mb BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN reserved_cpu_shares BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN instance_count INTEGER NOT NULL DEFAULT 0;
UPDATE hosts SET
    reserved_memory_mb = COALESCE((SELECT SUM(i.memory_mb) FROM instances i WHERE i.host_name = hosts.name), 0),
    reserved_cpu_shares = COALESCE((SELECT SUM(i.cpu_shares) FROM instances i WHERE i.host_name = hosts.name), 0),
    instance_count = (SELECT COUNT(*) FROM instances i WHERE i.host_name = hosts.name);
