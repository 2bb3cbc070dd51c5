-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "procedureWarnings" JSONB;

-- AlterTable
ALTER TABLE "Motion" ADD COLUMN     "rule" JSONB;
