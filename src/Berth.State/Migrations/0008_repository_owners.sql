-- Who a registry repository belongs to. A name, once an app's or a base image's, stays its owner's after the app
-- or the base image goes, so no other tenant can take it and list, pull or replace what was pushed under it.
CREATE TABLE repository_owners (
    repository VARCHAR(255) NOT NULL PRIMARY KEY,
    tenant VARCHAR(255) NOT NULL,
    created_at VARCHAR(40) NOT NULL
);

INSERT INTO repository_owners (repository, tenant, created_at)
SELECT id, tenant, created_at FROM apps;

INSERT INTO repository_owners (repository, tenant, created_at)
SELECT repository, 'admin', created_at FROM base_images WHERE repository NOT IN (SELECT id FROM apps);
