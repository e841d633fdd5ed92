-- DropIndex
DROP INDEX "Post_admin_list_idx";

-- CreateIndex
CREATE INDEX "Post_admin_list_idx" ON "Post"("type", "deletedAt", "updatedAt", "id", "status", "publishedAt", "expiresAt", "authorId", "slug", "title");


