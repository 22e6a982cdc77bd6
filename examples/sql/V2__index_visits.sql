CREATE INDEX visits_path ON visits (path);
