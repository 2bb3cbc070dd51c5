/*
  Warnings:

  - A unique constraint covering the columns `[orgId,idNumberHash]` on the table `Person` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "idNumberHash" TEXT,
ADD COLUMN     "idNumberMasked" TEXT,
ADD COLUMN     "relationship" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Person_orgId_idNumberHash_key" ON "Person"("orgId", "idNumberHash");
