CREATE TABLE nested_rows (id INTEGER);
