-- Autoscaling and scale to zero (issue 15): at most one policy per app, gone with the app.
CREATE TABLE autoscale_policies (
    app_id VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    min_instances INTEGER NOT NULL,
    max_instances INTEGER NOT NULL,
    metric VARCHAR(64) NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    idle_seconds INTEGER NULL,
    updated_at VARCHAR(40) NOT NULL
);
