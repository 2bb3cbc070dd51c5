-- CreateTable
CREATE TABLE "AlertSnapshot" (
    "orgId" TEXT NOT NULL,
    "settingsKey" TEXT NOT NULL,
    "dirty" INTEGER NOT NULL DEFAULT 0,
    "clean" INTEGER NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "red" INTEGER NOT NULL,
    "yellow" INTEGER NOT NULL,
    "green" INTEGER NOT NULL,

    CONSTRAINT "AlertSnapshot_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "StoredAlert" (
    "orgId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "matterId" TEXT,
    "stage" TEXT,
    "kind" TEXT,
    "occurredOn" TEXT NOT NULL,
    "alert" JSONB NOT NULL,

    CONSTRAINT "StoredAlert_pkey" PRIMARY KEY ("orgId","id")
);

-- CreateIndex
CREATE INDEX "AlertSnapshot_validUntil_idx" ON "AlertSnapshot"("validUntil");

-- CreateIndex
CREATE INDEX "StoredAlert_orgId_rank_occurredOn_idx" ON "StoredAlert"("orgId", "rank", "occurredOn");

-- Row-level security as on every table that carries an organization (issue #9).
ALTER TABLE "AlertSnapshot" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AlertSnapshot" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AlertSnapshot_scope" ON "AlertSnapshot" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
ALTER TABLE "StoredAlert" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StoredAlert" FORCE ROW LEVEL SECURITY;
CREATE POLICY "StoredAlert_scope" ON "StoredAlert" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
