-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "authorPersonId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "matterId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalSignature" (
    "proposalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalSignature_pkey" PRIMARY KEY ("proposalId","personId")
);

-- CreateTable
CREATE TABLE "ConveningDuty" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "signed" INTEGER NOT NULL,
    "needed" INTEGER NOT NULL,
    "reachedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConveningDuty_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Proposal_orgId_idx" ON "Proposal"("orgId");

-- CreateIndex
CREATE INDEX "ProposalSignature_orgId_idx" ON "ProposalSignature"("orgId");

-- CreateIndex
CREATE INDEX "ConveningDuty_orgId_idx" ON "ConveningDuty"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ConveningDuty_proposalId_body_key" ON "ConveningDuty"("proposalId", "body");

-- Row-level security, as for every table that carries an organization (migration row_level_security).
ALTER TABLE "Proposal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Proposal" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Proposal_scope" ON "Proposal" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "ProposalSignature" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProposalSignature" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ProposalSignature_scope" ON "ProposalSignature" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "ConveningDuty" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ConveningDuty" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ConveningDuty_scope" ON "ConveningDuty" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
