CREATE TABLE bom_rows (id INTEGER);
