PRAGMA foreign_keys = OFF;
pragma Foreign_Keys=ON;
PRAGMA journal_mode = WAL;
VACUUM;
