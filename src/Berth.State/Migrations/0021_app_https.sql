-- Issue 14: an app's HTTPS policy (JSON of HttpsPolicy: redirect to HTTPS, HSTS); an app without a row has neither.
CREATE TABLE app_https (
    app_id VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    policy_json TEXT NOT NULL
);
