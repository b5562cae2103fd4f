-- Issue 16. A custom domain routes only once its owner proved it with a TXT record _berth.{domain} holding the
-- claim's token; until then it is a claim. Several apps may claim one domain (a squatter cannot block its owner);
-- the first to prove it moves into app_domains and the other claims go.
CREATE TABLE domain_claims (
    domain VARCHAR(253) NOT NULL,
    app_id VARCHAR(255) NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    token VARCHAR(64) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (domain, app_id)
);

CREATE INDEX ix_domain_claims_app_id ON domain_claims (app_id);

-- A tenant's quota as the admin set it (JSON of TenantQuota); a tenant without a row has the server's defaults.
CREATE TABLE tenant_quotas (
    tenant VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES tenants (name) ON DELETE CASCADE,
    quota_json TEXT NOT NULL
);
