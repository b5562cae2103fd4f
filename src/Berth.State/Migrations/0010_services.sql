-- Managed services (issue 12): a database or cache pinned to the host that holds its volume. Its memory counts in
-- the host's reservations and its port is taken from the host's range like an instance's.
CREATE TABLE services (
    id VARCHAR(255) NOT NULL PRIMARY KEY,
    tenant VARCHAR(255) NOT NULL REFERENCES tenants (name),
    type VARCHAR(32) NOT NULL,
    version VARCHAR(64) NOT NULL,
    memory_mb INTEGER NOT NULL,
    storage_gb INTEGER NOT NULL,
    host_name VARCHAR(255) NOT NULL REFERENCES hosts (name),
    host_ip VARCHAR(64) NOT NULL,
    host_port INTEGER NOT NULL,
    container_id VARCHAR(255) NULL,
    state VARCHAR(32) NOT NULL,
    reason TEXT NULL,
    admin_password TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    updated_at VARCHAR(40) NOT NULL,
    UNIQUE (host_name, host_port)
);

CREATE INDEX ix_services_tenant ON services (tenant);
