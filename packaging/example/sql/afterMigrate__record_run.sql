-- Callback: runs after every successful migrate.
CREATE TABLE IF NOT EXISTS migrate_runs (finished_at TEXT NOT NULL, schema_version TEXT);
INSERT INTO migrate_runs
SELECT datetime('now'), MAX(version) FROM "${flyway:table}" WHERE success = 1 AND version IS NOT NULL;
