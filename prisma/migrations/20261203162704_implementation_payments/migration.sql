-- CreateTable
CREATE TABLE "ImplementationPlan" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "motionId" TEXT NOT NULL,
    "decisionCode" TEXT NOT NULL,
    "responsibleId" TEXT NOT NULL,
    "capFen" BIGINT,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "siteLat" DOUBLE PRECISION,
    "siteLon" DOUBLE PRECISION,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImplementationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "doneOn" TEXT,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressUpdate" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "milestoneId" TEXT,
    "text" TEXT NOT NULL,
    "spentFen" BIGINT NOT NULL DEFAULT 0,
    "reportedOn" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "hashes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "mirrors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "takenAt" TIMESTAMP(3),
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "checks" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentImport" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "flagged" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "paidOn" TEXT NOT NULL,
    "payee" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "purpose" TEXT NOT NULL,
    "decisionCode" TEXT,
    "planId" TEXT,
    "flags" TEXT[],

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImplementationPlan_matterId_key" ON "ImplementationPlan"("matterId");

-- CreateIndex
CREATE UNIQUE INDEX "ImplementationPlan_decisionCode_key" ON "ImplementationPlan"("decisionCode");

-- CreateIndex
CREATE INDEX "ImplementationPlan_orgId_idx" ON "ImplementationPlan"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_planId_position_key" ON "Milestone"("planId", "position");

-- CreateIndex
CREATE INDEX "ProgressUpdate_planId_idx" ON "ProgressUpdate"("planId");

-- CreateIndex
CREATE INDEX "EvidenceFile_orgId_kind_idx" ON "EvidenceFile"("orgId", "kind");

-- CreateIndex
CREATE INDEX "EvidenceFile_planId_idx" ON "EvidenceFile"("planId");

-- CreateIndex
CREATE INDEX "PaymentImport_orgId_idx" ON "PaymentImport"("orgId");

-- CreateIndex
CREATE INDEX "Payment_importId_idx" ON "Payment"("importId");

-- CreateIndex
CREATE INDEX "Payment_orgId_planId_idx" ON "Payment"("orgId", "planId");

-- AddForeignKey
ALTER TABLE "ImplementationPlan" ADD CONSTRAINT "ImplementationPlan_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ImplementationPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "ProgressUpdate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PaymentImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Row-level security, as for every table that carries an organization (migration row_level_security).
ALTER TABLE "ImplementationPlan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImplementationPlan" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ImplementationPlan_scope" ON "ImplementationPlan" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Milestone" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Milestone" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Milestone_scope" ON "Milestone" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "ProgressUpdate" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProgressUpdate" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ProgressUpdate_scope" ON "ProgressUpdate" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

-- Photos are compared with every photo of the organization (near-duplicates), never with another village's.
ALTER TABLE "EvidenceFile" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EvidenceFile" FORCE ROW LEVEL SECURITY;
CREATE POLICY "EvidenceFile_scope" ON "EvidenceFile" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "PaymentImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PaymentImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY "PaymentImport_scope" ON "PaymentImport" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Payment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Payment" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Payment_scope" ON "Payment" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
