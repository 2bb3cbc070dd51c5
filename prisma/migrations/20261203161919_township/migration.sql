-- AlterEnum
ALTER TYPE "OrgLevel" ADD VALUE 'township';

-- AlterEnum
ALTER TYPE "OrgRoleKind" ADD VALUE 'reviewer';

-- AlterTable
ALTER TABLE "Matter" ADD COLUMN     "amountYuan" INTEGER,
ADD COLUMN     "filedAt" TIMESTAMP(3),
ADD COLUMN     "filingReceiptAt" TIMESTAMP(3),
ADD COLUMN     "filingReceiptBy" TEXT,
ADD COLUMN     "filingReceiptSeq" INTEGER;

-- AlterTable
ALTER TABLE "NonVotingAttendee" ADD COLUMN     "accountId" TEXT,
ADD COLUMN     "title" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "townshipSettings" JSONB;

-- CreateTable
CREATE TABLE "PreReview" (
    "id" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'requested',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "reviewerId" TEXT,
    "reviewerName" TEXT,
    "reviewerTitle" TEXT,
    "reasons" TEXT,

    CONSTRAINT "PreReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PreReview_matterId_idx" ON "PreReview"("matterId");

-- CreateIndex
CREATE INDEX "PreReview_orgId_idx" ON "PreReview"("orgId");

-- AddForeignKey
ALTER TABLE "PreReview" ADD CONSTRAINT "PreReview_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security as for every table that carries an organization (row_level_security migration): a township
-- reviewer's command is confined to the township and the one village it acts on.
ALTER TABLE "PreReview" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PreReview" FORCE ROW LEVEL SECURITY;
CREATE POLICY "PreReview_scope" ON "PreReview" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

-- The organizations above one a transaction is confined to (a cooperative's village, a village's township) are
-- readable from inside it, and no other: the pre-review gate reads the township's settings while a village's or a
-- cooperative's vote opens. confineToOrg (server/auth/scope.ts) lists them in `yishi.org_above` before it confines.
-- These rows hold names, levels and the township's settings, nothing of any village's record.
CREATE POLICY "Organization_above_read" ON "Organization" FOR SELECT
  USING ("id" = ANY (string_to_array(coalesce(current_setting('yishi.org_above', true), ''), ',')));
