-- AlterTable
ALTER TABLE "Objection" ADD COLUMN     "replyByTownship" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SupervisionOpinion" ADD COLUMN     "byTownship" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "matterId" TEXT;

-- CreateTable
CREATE TABLE "MinutesWitnessSignature" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "attendeeId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinutesWitnessSignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MinutesWitnessSignature_versionId_accountId_key" ON "MinutesWitnessSignature"("versionId", "accountId");

-- AddForeignKey
ALTER TABLE "MinutesWitnessSignature" ADD CONSTRAINT "MinutesWitnessSignature_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MinutesVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesWitnessSignature" ADD CONSTRAINT "MinutesWitnessSignature_attendeeId_fkey" FOREIGN KEY ("attendeeId") REFERENCES "NonVotingAttendee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
