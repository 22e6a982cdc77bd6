CREATE VIEW IF NOT EXISTS ${Table}_view AS SELECT id FROM ${table};
