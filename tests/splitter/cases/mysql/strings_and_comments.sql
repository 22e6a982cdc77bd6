# hash comment; here
INSERT INTO t VALUES ('it\'s; x', "dq; \"y\"", `weird;col`); -- tail
/*!40101 SET NAMES utf8 */;
SELECT 1 # trailing; comment
;
