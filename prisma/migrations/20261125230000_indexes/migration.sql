-- Issue 4: indexes for the public lists (listOrder's two runs, covering the public rule and the
-- archive/sitemap columns), the admin list (covering its filters and title search), and foreign keys.
-- DropIndex
DROP INDEX "Post_type_deletedAt_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Media_uploadedById_idx" ON "Media"("uploadedById");

-- CreateIndex
CREATE INDEX "Post_public_list_idx" ON "Post"("type", "deletedAt", "weight", "publishedAt" DESC, "title", "slug", "status", "expiresAt", "readingTime", "updatedAt");

-- CreateIndex
CREATE INDEX "Post_admin_list_idx" ON "Post"("type", "deletedAt", "updatedAt", "id", "status", "publishedAt", "authorId", "title");

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- CreateIndex
CREATE INDEX "Redirect_postId_idx" ON "Redirect"("postId");

-- CreateIndex
CREATE INDEX "Revision_authorId_idx" ON "Revision"("authorId");


