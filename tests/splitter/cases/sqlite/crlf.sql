CREATE TABLE "wei;rd" (x INT);
INSERT INTO "wei;rd" VALUES (1);
