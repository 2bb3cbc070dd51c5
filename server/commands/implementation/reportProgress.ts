import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { NEAR_DUPLICATE_BITS, type PhotoHashes, photoDistance } from "../../domain/implementation/phash";
import { capStatus, type DuplicateUse, type EvidenceChecks, parseYuan, photoFindings } from "../../domain/implementation/progress";
import { AppError } from "../../errors";
import { chinaDateInput } from "../../time";
import type { Actor } from "../actor";
import { cleanFilename, detectMaterialType } from "../meeting/materialType";
import { runCommand } from "../run";
import { type PhotoFacts, readPhoto } from "./photo";
import { implementationContext } from "./planAccess";
import { indexTownshipPhoto, townshipPhotoIndex } from "./townshipPhotos";

/** A phone photo or a scanned contract fits; ten of them make one report. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 10;

const schema = z.strictObject({
  planId: z.string().min(1).max(64),
  text: z.string().max(4000),
  /** Money spent since the last report, in yuan as written; empty for none. */
  spent: z.string().max(40).optional(),
  /** A milestone this report says is reached. */
  milestoneId: z.string().min(1).max(64).optional(),
  files: z.array(z.strictObject({ filename: z.string().max(500), data: z.instanceof(Uint8Array) })).max(EVIDENCE_MAX_FILES),
});

export type ReportedProgress = { updateId: string; orgId: string; matterId: string; fileIds: string[]; flaggedPhotos: number; isOverCap: boolean };

type Prepared = { file: { filename: string; data: Uint8Array }; mime: string; photo: PhotoFacts | null }[];

/** Files are typed by their first bytes; photos are decoded and hashed before the transaction opens (it is slow). */
async function prepareFiles(input: z.infer<typeof schema>): Promise<Prepared> {
  return Promise.all(
    input.files.map(async (file, index) => {
      const field = `files.${index}`;
      if (file.data.byteLength === 0) throw new AppError("invalid_input", "empty file", { field, details: { reason: "empty" } });
      if (file.data.byteLength > EVIDENCE_MAX_BYTES) throw new AppError("invalid_input", "file larger than 10 MB", { field, details: { reason: "too_large" } });
      const mime = detectMaterialType(file.data);
      if (!mime) throw new AppError("invalid_input", "only PDF, PNG, JPEG or WebP", { field, details: { reason: "file_type" } });
      if (mime === "application/pdf") return { file, mime, photo: null };
      const photo = await readPhoto(file.data).catch(() => {
        throw new AppError("invalid_input", "the picture cannot be read", { field, details: { reason: "unreadable" } });
      });
      return { file, mime, photo };
    }),
  );
}

/**
 * A progress report on an implementation plan (issue #23): what was done, money spent, optionally a milestone
 * reached, with photos and documents. Each photo's EXIF time and place are checked against the plan's period and site,
 * and its perceptual hash against every photo of the organization (and the others in this report) and, through the
 * township's photo index (townshipPhotos.ts), every photo of the other villages and cooperatives of its township: a
 * near-duplicate is recorded with both uses, so the page can show them side by side. Findings flag, they never refuse — the
 * supervisor judges. Spending past the decided amount is flagged the same way.
 */
export async function reportProgress(input: unknown, actor: Actor, now: Date = new Date()): Promise<ReportedProgress> {
  return runCommand(
    schema,
    input,
    actor,
    async (tx, data, prepared: Prepared) => {
      const plan = await tx.implementationPlan.findUnique({
        where: { id: data.planId },
        select: { id: true, matterId: true, capFen: true, startsOn: true, endsOn: true, siteLat: true, siteLon: true },
      });
      if (!plan) throw new AppError("not_found", "plan not found", { field: "planId" });
      const { auditActor, matter } = await implementationContext(tx, actor, plan.matterId);
      if (matter.stage !== "implementation" && matter.stage !== "decision_disclosure") {
        throw new AppError("conflict", `a matter at stage ${matter.stage} takes no more progress reports`, {
          field: "planId",
          details: { reason: "stage", stage: matter.stage },
        });
      }
      const text = data.text.trim();
      if (text === "") throw new AppError("invalid_input", "say what was done", { field: "text", details: { reason: "empty" } });
      const spentText = data.spent?.trim() ?? "";
      const spentFen = spentText === "" ? 0n : parseYuan(spentText);
      if (spentFen === null) throw new AppError("invalid_input", "not an amount in yuan", { field: "spent", details: { reason: "amount" } });
      const today = chinaDateInput(now);
      if (data.milestoneId) {
        const milestone = await tx.milestone.findUnique({ where: { id: data.milestoneId }, select: { planId: true, doneOn: true } });
        if (!milestone || milestone.planId !== plan.id)
          throw new AppError("invalid_input", "no such milestone in this plan", { field: "milestoneId", details: { reason: "milestone" } });
        if (milestone.doneOn !== null)
          throw new AppError("conflict", "the milestone is already reached", { field: "milestoneId", details: { reason: "milestone_done" } });
        await tx.milestone.update({ where: { id: data.milestoneId }, data: { doneOn: today } });
      }
      const update = await tx.progressUpdate.create({
        data: {
          orgId: matter.orgId,
          planId: plan.id,
          milestoneId: data.milestoneId ?? null,
          text,
          spentFen,
          reportedOn: today,
          createdBy: actor.kind === "account" ? actor.accountId : "system",
        },
        select: { id: true },
      });

      // Every photo the organization holds, for near-duplicates: 32 hex digits a photo, a village has thousands.
      const known: (PhotoHashes & Omit<DuplicateUse, "distance">)[] = (
        await tx.evidenceFile.findMany({
          where: { orgId: matter.orgId, kind: "photo" },
          select: {
            id: true,
            filename: true,
            planId: true,
            hashes: true,
            mirrors: true,
            plan: { select: { matterId: true, matter: { select: { title: true } } } },
          },
        })
      ).map((f) => ({
        fileId: f.id,
        filename: f.filename,
        planId: f.planId,
        matterId: f.plan.matterId,
        matterTitle: f.plan.matter.title,
        hashes: f.hashes,
        mirrors: f.mirrors,
      }));
      const township = await townshipPhotoIndex(tx, matter.orgId);
      const site = plan.siteLat !== null && plan.siteLon !== null ? { lat: plan.siteLat, lon: plan.siteLon } : null;
      const files = [];
      let flaggedPhotos = 0;
      for (const { file, mime, photo } of prepared) {
        const sha256 = createHash("sha256").update(file.data).digest("hex");
        const filename = cleanFilename(file.filename);
        let checks: EvidenceChecks = { findings: [], duplicates: [] };
        if (photo) {
          const findings = photoFindings(
            { takenOn: photo.takenAt ? chinaDateInput(photo.takenAt) : null, place: photo.place },
            { startsOn: plan.startsOn, endsOn: plan.endsOn, site },
          );
          const nearest = (uses: (PhotoHashes & Omit<DuplicateUse, "distance">)[]): DuplicateUse[] =>
            uses
              .map(({ hashes, mirrors, ...use }) => ({
                ...use,
                distance: Math.min(photoDistance(photo, { hashes, mirrors }), photoDistance({ hashes, mirrors }, photo)),
              }))
              .filter((use) => use.distance <= NEAR_DUPLICATE_BITS)
              .sort((a, b) => a.distance - b.distance)
              .slice(0, 5);
          const duplicates = [...nearest(known), ...nearest(township?.known ?? [])];
          checks = { findings, duplicates };
          if (findings.length > 0 || duplicates.length > 0) flaggedPhotos += 1;
        }
        const row = await tx.evidenceFile.create({
          data: {
            orgId: matter.orgId,
            planId: plan.id,
            updateId: update.id,
            kind: photo ? "photo" : "document",
            filename,
            mime,
            size: file.data.byteLength,
            sha256,
            data: Buffer.from(file.data),
            hashes: photo?.hashes ?? [],
            mirrors: photo?.mirrors ?? [],
            takenAt: photo?.takenAt ?? null,
            lat: photo?.place?.lat ?? null,
            lon: photo?.place?.lon ?? null,
            checks,
          },
          select: { id: true },
        });
        if (photo && township)
          await indexTownshipPhoto(
            tx,
            township,
            {
              fileId: row.id,
              orgId: matter.orgId,
              matterId: matter.id,
              matterTitle: matter.title,
              planId: plan.id,
              hashes: photo.hashes,
              mirrors: photo.mirrors,
              uploadedAt: now,
            },
            checks.duplicates,
          );
        if (photo)
          known.push({
            fileId: row.id,
            filename,
            planId: plan.id,
            matterId: matter.id,
            matterTitle: matter.title,
            hashes: photo.hashes,
            mirrors: photo.mirrors,
          });
        files.push({
          id: row.id,
          kind: photo ? "photo" : "document",
          filename,
          mime,
          size: file.data.byteLength,
          sha256,
          hashes: photo?.hashes ?? [],
          takenAt: photo?.takenAt?.toISOString() ?? null,
          findings: checks.findings,
          duplicateOf: checks.duplicates.filter((d) => !d.other).map((d) => d.fileId),
          // Near-duplicates among the township's other organizations, as the township's photo index named them.
          townshipDuplicates: checks.duplicates.flatMap((d) =>
            d.other ? [{ fileId: d.fileId, orgId: d.other.orgId, matterId: d.matterId, distance: d.distance }] : [],
          ),
        });
      }
      const spent = await tx.progressUpdate.aggregate({ where: { planId: plan.id }, _sum: { spentFen: true } });
      const cap = capStatus(plan.capFen, spent._sum.spentFen ?? 0n);
      await appendAudit(tx, {
        orgId: matter.orgId,
        actor: auditActor,
        action: "implementation.reported",
        object: { type: "implementation", id: plan.id },
        data: {
          updateId: update.id,
          matterId: matter.id,
          text,
          spentFen: spentFen.toString(),
          totalSpentFen: cap.spentFen.toString(),
          isOverCap: cap.isOver,
          milestoneId: data.milestoneId ?? null,
          reportedOn: today,
          files,
        },
      });
      return { updateId: update.id, orgId: matter.orgId, matterId: matter.id, fileIds: files.map((f) => f.id), flaggedPhotos, isOverCap: cap.isOver };
    },
    prepareFiles,
  );
}
