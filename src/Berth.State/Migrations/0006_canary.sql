-- Canary deployments: a version running beside the active one, and how each deployment goes live. Additive only.
ALTER TABLE apps ADD COLUMN canary_version VARCHAR(128) NULL;
ALTER TABLE apps ADD COLUMN canary_instances INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deployments ADD COLUMN strategy VARCHAR(16) NOT NULL DEFAULT 'rolling';
