-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "petitioners" INTEGER;
