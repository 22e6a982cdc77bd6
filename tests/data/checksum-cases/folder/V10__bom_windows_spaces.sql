  CREATE TABLE bom_crlf (id INTEGER);  

