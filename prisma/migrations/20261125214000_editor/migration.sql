-- The editor's side: revisions, media, trash, cover images, set-password tokens.
-- AlterTable
ALTER TABLE "User" ADD COLUMN "resetTokenExpiry" DATETIME;
ALTER TABLE "User" ADD COLUMN "resetTokenHash" TEXT;

-- CreateTable
CREATE TABLE "Revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "postId" INTEGER NOT NULL,
    "authorId" INTEGER,
    "title" TEXT NOT NULL,
    "summarySource" TEXT NOT NULL DEFAULT '',
    "markdown" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Revision_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Revision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Media" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "alt" TEXT NOT NULL DEFAULT '',
    "variantsJson" TEXT NOT NULL DEFAULT '[]',
    "uploadedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Media_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL DEFAULT 'post',
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "markdown" TEXT NOT NULL DEFAULT '',
    "summarySource" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "html" TEXT NOT NULL DEFAULT '',
    "tocJson" TEXT NOT NULL DEFAULT '[]',
    "summaryText" TEXT NOT NULL DEFAULT '',
    "summaryTruncated" BOOLEAN NOT NULL DEFAULT false,
    "wordCount" INTEGER NOT NULL DEFAULT 0,
    "readingTime" INTEGER NOT NULL DEFAULT 0,
    "searchText" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "expiresAt" DATETIME,
    "weight" INTEGER,
    "showToc" BOOLEAN NOT NULL DEFAULT false,
    "extraJson" TEXT NOT NULL DEFAULT '{}',
    "authorId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" DATETIME,
    "coverImage" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorId", "createdAt", "description", "expiresAt", "extraJson", "html", "id", "markdown", "publishedAt", "readingTime", "searchText", "showToc", "slug", "status", "summarySource", "summaryText", "summaryTruncated", "title", "tocJson", "type", "updatedAt", "version", "weight", "wordCount") SELECT "authorId", "createdAt", "description", "expiresAt", "extraJson", "html", "id", "markdown", "publishedAt", "readingTime", "searchText", "showToc", "slug", "status", "summarySource", "summaryText", "summaryTruncated", "title", "tocJson", "type", "updatedAt", "version", "weight", "wordCount" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE INDEX "Post_type_status_publishedAt_idx" ON "Post"("type", "status", "publishedAt");
CREATE INDEX "Post_type_deletedAt_updatedAt_idx" ON "Post"("type", "deletedAt", "updatedAt");
CREATE UNIQUE INDEX "Post_type_slug_key" ON "Post"("type", "slug");
CREATE TABLE "new_Setting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "title" TEXT NOT NULL DEFAULT 'Byline',
    "description" TEXT NOT NULL DEFAULT '',
    "author" TEXT NOT NULL DEFAULT '',
    "baseUrl" TEXT NOT NULL DEFAULT '',
    "postsPerPage" INTEGER NOT NULL DEFAULT 10,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "dateFormat" TEXT NOT NULL DEFAULT 'January 2, 2006',
    "showAuthor" BOOLEAN NOT NULL DEFAULT false,
    "showReadingTime" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_Setting" ("author", "baseUrl", "dateFormat", "description", "id", "postsPerPage", "showAuthor", "timeZone", "title") SELECT "author", "baseUrl", "dateFormat", "description", "id", "postsPerPage", "showAuthor", "timeZone", "title" FROM "Setting";
DROP TABLE "Setting";
ALTER TABLE "new_Setting" RENAME TO "Setting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Revision_postId_createdAt_idx" ON "Revision"("postId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Media_key_key" ON "Media"("key");

-- CreateIndex
CREATE INDEX "Media_createdAt_idx" ON "Media"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_resetTokenHash_key" ON "User"("resetTokenHash");


