-- AlterTable
ALTER TABLE "ProposalSignature" ADD COLUMN     "via" TEXT NOT NULL DEFAULT 'account';

-- CreateTable
CREATE TABLE "ProposalSignCode" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ProposalSignCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalAttachment" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProposalSignCode_codeHash_key" ON "ProposalSignCode"("codeHash");

-- CreateIndex
CREATE INDEX "ProposalSignCode_proposalId_personId_idx" ON "ProposalSignCode"("proposalId", "personId");

-- CreateIndex
CREATE INDEX "ProposalSignCode_orgId_idx" ON "ProposalSignCode"("orgId");

-- CreateIndex
CREATE INDEX "ProposalAttachment_proposalId_idx" ON "ProposalAttachment"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalAttachment_orgId_idx" ON "ProposalAttachment"("orgId");

-- Row-level security, as for every table that carries an organization (migration row_level_security).
ALTER TABLE "ProposalSignCode" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProposalSignCode" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ProposalSignCode_scope" ON "ProposalSignCode" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "ProposalAttachment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProposalAttachment" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ProposalAttachment_scope" ON "ProposalAttachment" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
