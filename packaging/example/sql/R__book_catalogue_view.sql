-- Repeatable: re-applied whenever this file (or a placeholder it uses) changes.
DROP VIEW IF EXISTS book_catalogue;
CREATE VIEW book_catalogue AS
SELECT '${catalogue_name}' AS catalogue, b.title, a.name AS author, b.published, b.shelf
FROM books b JOIN authors a ON a.id = b.author_id;
