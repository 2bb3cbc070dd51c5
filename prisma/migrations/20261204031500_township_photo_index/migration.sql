-- The township's index of implementation photo hashes (issue #23 item 1): an upload is compared with every photo of
-- the other villages and cooperatives of its township, not only with its own organization's.
--
-- A village's command runs confined to the village (row-level security, migration row_level_security), so it cannot
-- read a sibling village's EvidenceFile rows, and must not: they hold the images. Each upload therefore also writes
-- its hashes here — no image, no personal data: the hashes, the organization and project they were used for, when —
-- and the comparison reads this table, whose policy shows the rows of the township the transaction is confined under
-- (`yishi.org_above`, set by confineToOrg) and nothing of another township. A village may only write rows of its own
-- organization under its own township.

-- CreateTable
CREATE TABLE "TownshipPhotoHash" (
    "id" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "orgName" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "matterTitle" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "hashes" TEXT[],
    "mirrors" TEXT[],
    "uploadedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TownshipPhotoHash_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TownshipPhotoReuse" (
    "id" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "otherFileId" TEXT NOT NULL,
    "otherOrgId" TEXT NOT NULL,
    "distance" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TownshipPhotoReuse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TownshipPhotoHash_townshipId_idx" ON "TownshipPhotoHash"("townshipId");

-- CreateIndex
CREATE INDEX "TownshipPhotoHash_orgId_idx" ON "TownshipPhotoHash"("orgId");

-- CreateIndex
CREATE INDEX "TownshipPhotoReuse_orgId_idx" ON "TownshipPhotoReuse"("orgId");

-- CreateIndex
CREATE INDEX "TownshipPhotoReuse_otherOrgId_idx" ON "TownshipPhotoReuse"("otherOrgId");

-- CreateIndex
CREATE INDEX "TownshipPhotoReuse_townshipId_idx" ON "TownshipPhotoReuse"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "TownshipPhotoReuse_fileId_otherFileId_key" ON "TownshipPhotoReuse"("fileId", "otherFileId");

-- AddForeignKey
ALTER TABLE "TownshipPhotoReuse" ADD CONSTRAINT "TownshipPhotoReuse_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "TownshipPhotoHash"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownshipPhotoReuse" ADD CONSTRAINT "TownshipPhotoReuse_otherFileId_fkey" FOREIGN KEY ("otherFileId") REFERENCES "TownshipPhotoHash"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Whether a row of this township may be read: unconfined work (the township's own pages, the alerts loader), a
-- transaction confined to the township itself, or one confined to a village or cooperative below it.
CREATE OR REPLACE FUNCTION yishi_township_readable(township text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT yishi_org_in_scope(township)
      OR township = ANY (string_to_array(coalesce(current_setting('yishi.org_above', true), ''), ','))
  $$;

-- Whether a row may be written: for the writer's own organization, and under the township above it.
CREATE OR REPLACE FUNCTION yishi_township_writable(org text, township text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT yishi_org_in_scope(org) AND (
      coalesce(current_setting('yishi.org_scope', true), '') = ''
      OR township = ANY (string_to_array(coalesce(current_setting('yishi.org_above', true), ''), ','))
    )
  $$;

ALTER TABLE "TownshipPhotoHash" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TownshipPhotoHash" FORCE ROW LEVEL SECURITY;
CREATE POLICY "TownshipPhotoHash_read" ON "TownshipPhotoHash" FOR SELECT USING (yishi_township_readable("townshipId"));
CREATE POLICY "TownshipPhotoHash_append" ON "TownshipPhotoHash" FOR INSERT WITH CHECK (yishi_township_writable("orgId", "townshipId"));

ALTER TABLE "TownshipPhotoReuse" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TownshipPhotoReuse" FORCE ROW LEVEL SECURITY;
CREATE POLICY "TownshipPhotoReuse_read" ON "TownshipPhotoReuse" FOR SELECT USING (yishi_township_readable("townshipId"));
CREATE POLICY "TownshipPhotoReuse_append" ON "TownshipPhotoReuse" FOR INSERT WITH CHECK (yishi_township_writable("orgId", "townshipId"));

-- The photos already uploaded under a township join the index, so the next upload is compared with them too.
INSERT INTO "TownshipPhotoHash" ("id", "townshipId", "orgId", "orgName", "matterId", "matterTitle", "planId", "hashes", "mirrors", "uploadedAt")
SELECT f."id", t."id", o."id", o."name", m."id", m."title", p."id", f."hashes", f."mirrors", f."createdAt"
FROM "EvidenceFile" f
JOIN "ImplementationPlan" p ON p."id" = f."planId"
JOIN "Matter" m ON m."id" = p."matterId"
JOIN "Organization" o ON o."id" = f."orgId"
LEFT JOIN "Organization" v ON v."id" = o."parentId"
JOIN "Organization" t ON t."level" = 'township' AND (
  (o."level" = 'village' AND t."id" = o."parentId")
  OR (o."level" = 'cooperative' AND v."level" = 'village' AND t."id" = v."parentId")
)
WHERE f."kind" = 'photo';
