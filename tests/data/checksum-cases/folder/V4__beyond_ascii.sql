CREATE TABLE words (w TEXT);
INSERT INTO words VALUES ('naïve café'), ('漢字'), ('🚀 𝄞');
