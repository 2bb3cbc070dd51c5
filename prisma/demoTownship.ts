/**
 * The demo township (issue #20): 大沥镇（演示） above the demo village and five more villages, each with a cooperative
 * and some fifty matters at every stage of 四议两公开 — filed, receipted, pre-reviewed or not — plus a few deliberate
 * faults for the township's alerts (a stage skipped, a filing left without receipt, a pre-review returned). A second
 * township (西樵镇（演示）) holds the neighbouring village: its staff must see nothing of 大沥镇.
 *
 * The many matters are written in one transaction per village with their audit entries (appendAuditMany), not one
 * command each: the seed runs on every test server's first start and must stay fast.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { type AppendInput, appendAuditMany } from "../server/audit/append";
import { SYSTEM } from "../server/commands/actor";
import { createAccount } from "../server/commands/org/createAccount";
import { createOrganization } from "../server/commands/org/createOrganization";
import { createVillage } from "../server/commands/township/createVillage";
import { setTownshipSettings } from "../server/commands/township/setTownshipSettings";
import { currentDb } from "../server/db";
import { MATTER_STAGES, type MatterStage } from "../server/domain/matter";
import type { MatterKind } from "../server/domain/rules";

export const TOWNSHIP_ACCOUNTS = {
  admin: "13800000040",
  reviewer: "13800000041",
  supervisor: "13800000042",
  otherReviewer: "13800000043",
} as const;

/**
 * The demo township's own choice (a township marks the kinds; a new township starts from the law's defaults, see
 * server/domain/township/settings.ts): charter changes, mergers and splits, and funds from 100,000 yuan. The demo
 * village's land votes, which the other demos walk through, stay open without a pre-review.
 */
export const DEMO_TOWNSHIP_PRE_REVIEW = { preReviewKinds: ["charter", "merger-split"] as MatterKind[], preReviewAmountYuan: 100_000 };

const VILLAGES = ["盐步村（演示）", "黄岐村（演示）", "奇槎村（演示）", "太平村（演示）", "沥东村（演示）"];
const TITLES = [
  "村道硬底化工程",
  "集体鱼塘发包",
  "文化室修缮",
  "农田水利改造",
  "集体厂房出租",
  "垃圾分类设施",
  "路灯安装",
  "村级公益金使用",
  "宅基地审批",
  "征地补偿分配",
];
const KINDS: MatterKind[] = [
  "general",
  "general",
  "general",
  "land-contract-outsider",
  "general",
  "general",
  "general",
  "general",
  "construction-land",
  "land-compensation",
];
const DAY = 24 * 3600 * 1000;

export async function seedTownship(passwordFor: string): Promise<{ townshipId: string; reviewerId: string; otherTownshipId: string }> {
  const township = await createOrganization({ name: "大沥镇（演示）", level: "township" }, SYSTEM);
  await createAccount({ orgId: township.id, phone: TOWNSHIP_ACCOUNTS.admin, displayName: "大沥镇管理员", password: passwordFor, roles: ["admin"] }, SYSTEM);
  const reviewer = await createAccount(
    { orgId: township.id, phone: TOWNSHIP_ACCOUNTS.reviewer, displayName: "黄预审", password: passwordFor, roles: ["reviewer"] },
    SYSTEM,
  );
  await setTownshipSettings({ orgId: township.id, ...DEMO_TOWNSHIP_PRE_REVIEW }, SYSTEM);
  await createAccount({ orgId: township.id, phone: TOWNSHIP_ACCOUNTS.supervisor, displayName: "罗督查", password: passwordFor, roles: ["supervisor"] }, SYSTEM);
  const other = await createOrganization({ name: "西樵镇（演示）", level: "township" }, SYSTEM);
  await createAccount(
    { orgId: other.id, phone: TOWNSHIP_ACCOUNTS.otherReviewer, displayName: "西樵镇预审员", password: passwordFor, roles: ["reviewer"] },
    SYSTEM,
  );
  return { townshipId: township.id, reviewerId: reviewer.id, otherTownshipId: other.id };
}

/** Five more villages of the demo township, each with a cooperative and its matters. */
export async function seedTownshipVillages(townshipId: string, reviewerId: string, passwordFor: string): Promise<string[]> {
  const reviewer = { id: reviewerId, role: "reviewer", name: "黄预审" };
  const ids: string[] = [];
  for (const [index, name] of VILLAGES.entries()) {
    const village = await createVillage(
      { townshipId, name, adminPhone: `1380000${String(50 + index).padStart(4, "0")}`, adminName: `${name.slice(0, 2)}村务管理员`, adminPassword: passwordFor },
      SYSTEM,
    );
    const coop = await createOrganization(
      { name: `${name.replace("（演示）", "")}第一经济合作社（演示）`, level: "cooperative", parentId: village.id },
      SYSTEM,
    );
    await seedMatters(village.id, 40, index, reviewer);
    await seedMatters(coop.id, 10, index + 1, reviewer);
    ids.push(village.id);
  }
  return ids;
}

/**
 * `count` matters spread over every stage. Matters past S0 carry their moves as MatterEvents and audit entries, so
 * history and log agree. Faults on purpose: in the first village one matter jumps from 提议 straight to 决议 (a
 * stage skipped); every fourth filed matter is left without a receipt; one pre-review is returned with reasons.
 */
async function seedMatters(orgId: string, count: number, offset: number, reviewer: { id: string; role: string; name: string }): Promise<void> {
  const { prisma } = currentDb();
  const now = Date.now();
  const open = MATTER_STAGES.filter((s) => !s.startsWith("closed_"));
  await prisma.$transaction(
    async (tx) => {
      const audit: AppendInput[] = [];
      const matters: Prisma.MatterCreateManyInput[] = [];
      const events: Prisma.MatterEventCreateManyInput[] = [];
      const reviews: Prisma.PreReviewCreateManyInput[] = [];
      for (let i = 0; i < count; i += 1) {
        const n = i + offset;
        const stageIndex = n % open.length;
        const stage = open[stageIndex] as MatterStage;
        const kind = KINDS[n % KINDS.length] as MatterKind;
        const createdAt = new Date(now - (120 - (i % 100)) * DAY);
        const filed = i % 3 !== 2;
        const receipted = filed && i % 4 !== 3;
        const matter = {
          id: randomUUID(),
          orgId,
          title: `${TITLES[n % TITLES.length]}（${i + 1}）`,
          kind,
          source: i % 2 === 0 ? "villagers" : "party",
          stage,
          createdAt,
          amountYuan: kind === "general" && i % 5 === 0 ? 150_000 : null,
          filedAt: filed ? new Date(createdAt.getTime() + DAY) : null,
          filingReceiptAt: receipted ? new Date(createdAt.getTime() + 2 * DAY) : null,
          filingReceiptBy: receipted ? "黄预审" : null,
        };
        matters.push(matter);
        audit.push({
          orgId,
          actor: null,
          action: "matter.raised",
          object: { type: "matter", id: matter.id },
          data: { title: matter.title, kind, source: matter.source, stage: "raised" },
        });
        const skip = offset === 0 && i === 4 && stageIndex >= open.indexOf("decision");
        const path = skip
          ? (["raised", "proposal", ...open.slice(open.indexOf("decision"), stageIndex + 1)] as MatterStage[])
          : (open.slice(0, stageIndex + 1) as MatterStage[]);
        for (let step = 1; step < path.length; step += 1) {
          const at = new Date(createdAt.getTime() + (step + 2) * DAY);
          const from = path[step - 1] as string;
          const to = path[step] as string;
          const reason = skip && to === "decision" ? "演示：跳过商议、审议" : "演示数据：按纸质记录补录";
          events.push({ matterId: matter.id, fromStage: from, toStage: to, reason, at });
          audit.push({ orgId, actor: null, action: "matter.moved", object: { type: "matter", id: matter.id }, data: { from, to, reason, manual: true } });
        }
        if (filed)
          audit.push({
            orgId,
            actor: null,
            action: "filing.submitted",
            object: { type: "organization", id: orgId },
            data: { matters: [{ id: matter.id, title: matter.title, kind, stage }] },
          });
        if (receipted)
          audit.push({ orgId, actor: reviewer, action: "filing.acknowledged", object: { type: "matter", id: matter.id }, data: { title: matter.title } });
        if (kind !== "general" && stageIndex >= open.indexOf("review")) {
          const returned = offset === 1 && kind === "land-compensation";
          const requestedAt = new Date(createdAt.getTime() + 3 * DAY);
          const review = {
            id: randomUUID(),
            matterId: matter.id,
            orgId,
            state: returned ? "returned" : "approved",
            requestedAt,
            decidedAt: new Date(requestedAt.getTime() + DAY),
            reviewerName: "黄预审",
            reviewerTitle: "镇农业农村办副主任",
            reasons: returned ? "补偿分配方案未列明外嫁女权益，请补充后重新报审" : null,
          };
          reviews.push(review);
          audit.push({ orgId, actor: null, action: "prereview.requested", object: { type: "matter", id: matter.id }, data: { preReview: review.id } });
          audit.push({
            orgId,
            actor: reviewer,
            action: returned ? "prereview.returned" : "prereview.approved",
            object: { type: "matter", id: matter.id },
            data: { preReview: review.id, reasons: review.reasons },
          });
        }
      }
      await tx.matter.createMany({ data: matters });
      await tx.matterEvent.createMany({ data: events });
      await tx.preReview.createMany({ data: reviews });
      // The entries carry the time of seeding (a log's times never run backwards); the matters carry their history's dates.
      await appendAuditMany(tx, audit);
    },
    { timeout: 60_000 },
  );
}
