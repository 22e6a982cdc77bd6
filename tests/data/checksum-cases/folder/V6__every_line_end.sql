CREATE TABLE mixed_ends (id INTEGER);
INSERT INTO mixed_ends VALUES (6);
INSERT INTO mixed_ends VALUES (7);INSERT INTO mixed_ends VALUES (8);
