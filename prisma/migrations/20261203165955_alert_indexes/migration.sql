-- CreateIndex
CREATE INDEX "AgendaItem_matterId_idx" ON "AgendaItem"("matterId");

-- CreateIndex
CREATE INDEX "Notice_matterId_idx" ON "Notice"("matterId");
