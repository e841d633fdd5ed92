-- Lists order same-date posts by title as Hugo does, case aside: a lower-cased copy of the title,
-- kept by triggers (so every way a title is written keeps it), in the public list index's order.
ALTER TABLE "Post" ADD COLUMN "titleKey" TEXT NOT NULL DEFAULT '';
UPDATE "Post" SET "titleKey" = lower("title");

CREATE TRIGGER "Post_titleKey_insert" AFTER INSERT ON "Post"
BEGIN
  UPDATE "Post" SET "titleKey" = lower(NEW."title") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Post_titleKey_update" AFTER UPDATE OF "title" ON "Post"
BEGIN
  UPDATE "Post" SET "titleKey" = lower(NEW."title") WHERE "id" = NEW."id";
END;

DROP INDEX "Post_public_list_idx";
CREATE INDEX "Post_public_list_idx" ON "Post"("type", "deletedAt", "weight", "publishedAt" DESC, "titleKey", "slug", "title", "status", "expiresAt", "readingTime", "updatedAt");
