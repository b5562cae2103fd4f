-- Portable DDL: plain types that SQLite, PostgreSQL and MariaDB all accept; timestamps are ISO-8601 UTC text.
CREATE TABLE tenants (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    token_hash VARCHAR(128) NOT NULL UNIQUE,
    is_admin BOOLEAN NOT NULL,
    created_at VARCHAR(40) NOT NULL
);

CREATE TABLE apps (
    id VARCHAR(255) NOT NULL PRIMARY KEY,
    tenant VARCHAR(255) NOT NULL REFERENCES tenants (name),
    image VARCHAR(255) NULL,
    port INTEGER NOT NULL,
    memory_mb INTEGER NOT NULL,
    cpu_shares INTEGER NOT NULL,
    env_json TEXT NOT NULL,
    health_check_json TEXT NOT NULL,
    on_failure VARCHAR(32) NOT NULL,
    drain_seconds INTEGER NOT NULL,
    active_version VARCHAR(128) NULL,
    previous_version VARCHAR(128) NULL,
    instances INTEGER NOT NULL,
    created_at VARCHAR(40) NOT NULL
);

CREATE INDEX ix_apps_tenant ON apps (tenant);

CREATE TABLE deployments (
    id VARCHAR(255) NOT NULL PRIMARY KEY,
    app_id VARCHAR(255) NOT NULL REFERENCES apps (id),
    version VARCHAR(128) NOT NULL,
    instances INTEGER NOT NULL,
    state VARCHAR(32) NOT NULL,
    reason TEXT NULL,
    created_at VARCHAR(40) NOT NULL,
    updated_at VARCHAR(40) NOT NULL
);

CREATE INDEX ix_deployments_app_id ON deployments (app_id);

CREATE TABLE hosts (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    engine VARCHAR(1000) NOT NULL,
    advertise_ip VARCHAR(64) NOT NULL,
    port_range_start INTEGER NOT NULL,
    port_range_end INTEGER NOT NULL,
    memory_mb BIGINT NOT NULL,
    cpu_shares BIGINT NOT NULL,
    labels_json TEXT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE instances (
    id VARCHAR(255) NOT NULL PRIMARY KEY,
    app_id VARCHAR(255) NOT NULL REFERENCES apps (id),
    version VARCHAR(128) NOT NULL,
    deployment_id VARCHAR(255) NOT NULL,
    host_name VARCHAR(255) NOT NULL REFERENCES hosts (name),
    host_ip VARCHAR(64) NOT NULL,
    host_port INTEGER NOT NULL,
    memory_mb INTEGER NOT NULL,
    cpu_shares INTEGER NOT NULL,
    container_id VARCHAR(255) NULL,
    state VARCHAR(32) NOT NULL,
    health VARCHAR(32) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    updated_at VARCHAR(40) NOT NULL,
    UNIQUE (host_name, host_port)
);

CREATE INDEX ix_instances_app_id ON instances (app_id);
