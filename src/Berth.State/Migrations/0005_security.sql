-- Several revocable, scoped API tokens per tenant. Each tenant's existing token moves here with the
-- scope it had (admin for the admin tenant), under an id made of its hash's first characters.
CREATE TABLE api_tokens (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant VARCHAR(255) NOT NULL REFERENCES tenants (name),
    token_hash VARCHAR(128) NOT NULL UNIQUE,
    scope VARCHAR(32) NOT NULL,
    description VARCHAR(200) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    revoked_at VARCHAR(40) NULL
);

CREATE INDEX ix_api_tokens_tenant ON api_tokens (tenant);

INSERT INTO api_tokens (id, tenant, token_hash, scope, description, created_at, revoked_at)
SELECT SUBSTR(token_hash, 1, 12), name, token_hash, CASE WHEN is_admin THEN 'admin' ELSE 'tenant' END, 'first token', created_at, NULL
FROM tenants;

-- Repositories every tenant may pull but only the admin may push.
CREATE TABLE base_images (
    repository VARCHAR(255) NOT NULL PRIMARY KEY,
    created_at VARCHAR(40) NOT NULL
);

-- Every call that tried to change something. Ids sort in time order.
CREATE TABLE audit_log (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    at VARCHAR(40) NOT NULL,
    actor VARCHAR(255) NULL,
    token_id VARCHAR(64) NULL,
    client VARCHAR(64) NOT NULL,
    method VARCHAR(16) NOT NULL,
    path VARCHAR(1024) NOT NULL,
    status INTEGER NOT NULL
);

CREATE INDEX ix_audit_log_actor ON audit_log (actor);

-- Apps may opt into a read-only root filesystem.
ALTER TABLE apps ADD COLUMN read_only_root_filesystem BOOLEAN NOT NULL DEFAULT FALSE;
