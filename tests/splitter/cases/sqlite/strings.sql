INSERT INTO t VALUES ('it''s; fine', "col;name", `back;tick`);
INSERT INTO t VALUES ('back\'); SELECT 2;
