CREATE FUNCTION f() RETURNS int AS $body$
BEGIN
  RETURN 1; -- ;
END;
$body$ LANGUAGE plpgsql;
COPY t (a) FROM stdin;
1;x
\N
\.
SELECT E'it\'s; escaped';
