CREATE TABLE crlf_rows (id INTEGER);
INSERT INTO crlf_rows VALUES (1);
