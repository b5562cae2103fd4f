-- Gateway settings (custom domains, traffic policies, blacklists). Rows of an app go with the app.
CREATE TABLE app_domains (
    domain VARCHAR(253) NOT NULL PRIMARY KEY,
    app_id VARCHAR(255) NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    created_at VARCHAR(40) NOT NULL
);

CREATE INDEX ix_app_domains_app_id ON app_domains (app_id);

CREATE TABLE app_traffic (
    app_id VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    weights_json TEXT NOT NULL,
    balancing VARCHAR(32) NOT NULL
);

CREATE TABLE app_blacklists (
    app_id VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    entries_json TEXT NOT NULL
);

-- Settings that belong to no app; 'global_blacklist' holds the admin's blacklist as a JSON array.
CREATE TABLE gateway_settings (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    value_json TEXT NOT NULL
);
