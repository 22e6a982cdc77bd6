INSERT INTO authors (name) VALUES ('Ursula K. Le Guin'), ('Italo Calvino'), ('Octavia E. Butler');

INSERT INTO books (author_id, title, published)
SELECT id, 'The Dispossessed', 1974 FROM authors WHERE name = 'Ursula K. Le Guin';
INSERT INTO books (author_id, title, published)
SELECT id, 'Invisible Cities', 1972 FROM authors WHERE name = 'Italo Calvino';
INSERT INTO books (author_id, title, published)
SELECT id, 'Kindred', 1979 FROM authors WHERE name = 'Octavia E. Butler';
