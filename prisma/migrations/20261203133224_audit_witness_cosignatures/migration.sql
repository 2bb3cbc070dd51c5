-- CreateTable
CREATE TABLE "AuditCosignature" (
    "orgId" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "witness" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "cosignedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditCosignature_pkey" PRIMARY KEY ("orgId","size","witness","keyId")
);

-- CreateTable
CREATE TABLE "AuditWitnessState" (
    "orgId" TEXT NOT NULL,
    "witness" TEXT NOT NULL,
    "knownSize" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "failingSince" TIMESTAMP(3),
    "lastError" TEXT,
    "refusedSize" INTEGER,
    "refusedAt" TIMESTAMP(3),
    "gaps" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditWitnessState_pkey" PRIMARY KEY ("orgId","witness")
);

-- Row-level security as for the other organization tables (issue #9, 20261127184903_row_level_security). Cosignatures,
-- like checkpoints, are only ever added.
ALTER TABLE "AuditCosignature" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditCosignature" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AuditCosignature_read" ON "AuditCosignature" FOR SELECT USING (yishi_org_in_scope("orgId"));
CREATE POLICY "AuditCosignature_append" ON "AuditCosignature" FOR INSERT WITH CHECK (yishi_org_in_scope("orgId"));
ALTER TABLE "AuditWitnessState" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditWitnessState" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AuditWitnessState_scope" ON "AuditWitnessState" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
