-- CreateIndex
CREATE INDEX "Matter_orgId_stage_idx" ON "Matter"("orgId", "stage");

-- CreateIndex
CREATE INDEX "MatterEvent_fromStage_toStage_idx" ON "MatterEvent"("fromStage", "toStage");

-- CreateIndex
CREATE INDEX "PreReview_orgId_state_idx" ON "PreReview"("orgId", "state");
