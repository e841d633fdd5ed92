-- Full-text search over posts (SQLite FTS5; see src/models/search-sqlite.ts).
-- rowid is the post's id. Declared as external tables in prisma.config.ts so migrate dev leaves it alone.
CREATE VIRTUAL TABLE "post_search" USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
