CREATE TABLE separators (s TEXT);
INSERT INTO separators VALUES ('formfeed nextline line sep para sep');
