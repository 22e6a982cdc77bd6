SELECT 'größe; ü' AS x; SELECT 2;
