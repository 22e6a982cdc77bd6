-- leading comment; with a semicolon
/* block ; comment /* not nested in SQLite ; */
SELECT 1; -- trailing
/* only a comment */;
;;
SELECT 'a -- not a comment; /* nor this */' AS x;
