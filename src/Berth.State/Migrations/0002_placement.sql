-- Multi-host placement: a host can be drained and reached over TLS; an app carries its placement rules as JSON
-- (strategy, constraints, affinity, spread, global). Plain portable DDL, like 0001.
ALTER TABLE hosts ADD COLUMN drain BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN tls_json TEXT NULL;
ALTER TABLE apps ADD COLUMN placement_json TEXT NULL;
CREATE INDEX ix_instances_host_name_app_id ON instances (host_name, app_id, version);
