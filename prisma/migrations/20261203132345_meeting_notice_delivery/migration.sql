-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "providerRef" TEXT,
    "sentAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceIntent" (
    "orgId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttendanceIntent_pkey" PRIMARY KEY ("meetingId","personId")
);

-- CreateTable
CREATE TABLE "ReceiptScan" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceiptScan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoticeDelivery_status_nextAttemptAt_idx" ON "NoticeDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NoticeDelivery_orgId_idx" ON "NoticeDelivery"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_meetingId_personId_channel_key" ON "NoticeDelivery"("meetingId", "personId", "channel");

-- CreateIndex
CREATE INDEX "AttendanceIntent_orgId_idx" ON "AttendanceIntent"("orgId");

-- CreateIndex
CREATE INDEX "ReceiptScan_meetingId_idx" ON "ReceiptScan"("meetingId");

-- Row-level security, as for every table that carries an organization (migration row_level_security).
ALTER TABLE "NoticeDelivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "NoticeDelivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY "NoticeDelivery_scope" ON "NoticeDelivery" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "AttendanceIntent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AttendanceIntent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AttendanceIntent_scope" ON "AttendanceIntent" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "ReceiptScan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReceiptScan" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ReceiptScan_scope" ON "ReceiptScan" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));
