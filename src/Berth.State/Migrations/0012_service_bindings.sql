-- Bindings of apps to managed services (issue 12): one database user per binding, its password sealed. No foreign
-- keys: a binding is dropped by the code that revokes its user (unbind, app delete), which must still find it.
CREATE TABLE service_bindings (
    service_id VARCHAR(255) NOT NULL,
    app_id VARCHAR(255) NOT NULL,
    prefix VARCHAR(64) NOT NULL,
    user_name VARCHAR(64) NOT NULL,
    password TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (service_id, app_id),
    UNIQUE (app_id, prefix)
);
