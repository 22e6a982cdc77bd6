-- Every book gets a shelf; ${default_shelf} comes from flyway.conf.
ALTER TABLE books ADD COLUMN shelf TEXT NOT NULL DEFAULT '${default_shelf}';
CREATE INDEX books_by_shelf ON books (shelf);

-- Keep a log of shelf moves; the trigger body holds semicolons of its own.
CREATE TABLE shelf_moves (book_id INTEGER NOT NULL, from_shelf TEXT, to_shelf TEXT, moved_at TEXT);
CREATE TRIGGER log_shelf_move AFTER UPDATE OF shelf ON books
BEGIN
    INSERT INTO shelf_moves VALUES (OLD.id, OLD.shelf, NEW.shelf, datetime('now'));
END;
