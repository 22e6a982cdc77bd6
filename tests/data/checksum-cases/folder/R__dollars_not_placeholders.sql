CREATE TABLE IF NOT EXISTS prices (p TEXT);
INSERT INTO prices VALUES ('$5 and $ {x} and $$');
