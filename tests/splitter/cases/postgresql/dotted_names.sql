SELECT t.$q$;$q$ AS v;
SELECT s.t.col$1, s.$q$ a;b $q$;
