-- CreateIndex
CREATE INDEX "Motion_itemId_idx" ON "Motion"("itemId");
