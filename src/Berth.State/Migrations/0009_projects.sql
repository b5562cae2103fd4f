-- Projects: compose files deployed as apps. An app that is a project's service carries its project settings
-- (network, image tag, command, volumes, labels) as JSON; NULL for every other app. Additive only.
ALTER TABLE apps ADD COLUMN project_json TEXT NULL;
CREATE TABLE projects (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    tenant VARCHAR(255) NOT NULL REFERENCES tenants (name),
    revision INTEGER NOT NULL,
    compose TEXT NOT NULL,
    previous_compose TEXT NULL,
    state VARCHAR(16) NOT NULL,
    reason TEXT NULL,
    warnings_json TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    updated_at VARCHAR(40) NOT NULL
);
CREATE INDEX ix_projects_tenant ON projects (tenant);
