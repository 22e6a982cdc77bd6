CREATE TABLE IF NOT EXISTS owner_note (who TEXT);
INSERT INTO owner_note VALUES ('${owner}');
