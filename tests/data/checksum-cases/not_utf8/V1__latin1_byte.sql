CREATE TABLE latin (s TEXT);
INSERT INTO latin VALUES ('café');
