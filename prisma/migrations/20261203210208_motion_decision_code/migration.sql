/*
  Warnings:

  - A unique constraint covering the columns `[decisionCode]` on the table `Motion` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Motion" ADD COLUMN     "decisionCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Motion_decisionCode_key" ON "Motion"("decisionCode");
