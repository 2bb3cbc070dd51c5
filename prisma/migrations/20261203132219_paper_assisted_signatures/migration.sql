-- AlterTable
ALTER TABLE "MinutesSignature" ADD COLUMN     "method" TEXT NOT NULL DEFAULT 'account',
ADD COLUMN     "scanId" TEXT,
ADD COLUMN     "witnessIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "SignatureScan" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignatureScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssistedSignature" (
    "versionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "witness1Id" TEXT NOT NULL,
    "witness2Id" TEXT NOT NULL,
    "confirmed1At" TIMESTAMP(3),
    "confirmed2At" TIMESTAMP(3),
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssistedSignature_pkey" PRIMARY KEY ("versionId","personId")
);

-- CreateIndex
CREATE INDEX "SignatureScan_versionId_idx" ON "SignatureScan"("versionId");

-- AddForeignKey
ALTER TABLE "MinutesSignature" ADD CONSTRAINT "MinutesSignature_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "SignatureScan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignatureScan" ADD CONSTRAINT "SignatureScan_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MinutesVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistedSignature" ADD CONSTRAINT "AssistedSignature_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MinutesVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
