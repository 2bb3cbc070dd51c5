/**
 * The same implementation photo used by two villages or cooperatives of one township (issue #23): the township's
 * photo index found a near-identical photo (re-compressed, cropped or mirrored) among another organization's evidence.
 * One picture standing as evidence for two projects in two places needs a look — one of the two uses is not what it
 * claims — but nothing is void yet: yellow, on both organizations, each naming the other use. Pure.
 */
import type { PhotoReuseFact, PhotoUse } from "./facts";
import { joinBasis, vcolText } from "./law";
import { makeAlert } from "./make";
import type { Alert } from "./types";

/** "2026-12-03" in China time. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function describeUse(use: PhotoUse): { "zh-CN": string; en: string } {
  return {
    "zh-CN": `${use.orgName}「${use.matterTitle}」（${chinaDay(use.uploadedAt)} 上传）`,
    en: `${use.orgName}, “${use.matterTitle}” (uploaded ${chinaDay(use.uploadedAt)})`,
  };
}

export function photoReuseAlerts(orgId: string, reuses: readonly PhotoReuseFact[] | undefined): Alert[] {
  const alerts: Alert[] = [];
  for (const reuse of reuses ?? []) {
    const isLater = reuse.later.orgId === orgId;
    const own = isLater ? reuse.later : reuse.earlier;
    if (own.orgId !== orgId) continue;
    const other = isLater ? reuse.earlier : reuse.later;
    const ownText = describeUse(own);
    const otherText = describeUse(other);
    alerts.push(
      makeAlert({
        level: "yellow",
        scope: "matter",
        code: "photo_reused_in_township",
        message: isLater
          ? {
              "zh-CN": `${ownText["zh-CN"]}的实施照片与${otherText["zh-CN"]}已用过的照片几乎相同（相差 ${reuse.distance} 位）：同一张照片不能同时证明两个项目。`,
              en: `An implementation photo of ${ownText.en} is near-identical to one already used by ${otherText.en} (${reuse.distance} bits apart): one photo cannot be evidence for two projects.`,
            }
          : {
              "zh-CN": `${ownText["zh-CN"]}的实施照片后来被${otherText["zh-CN"]}作为证据再次使用（几乎相同，相差 ${reuse.distance} 位）。`,
              en: `An implementation photo of ${ownText.en} was used again as evidence by ${otherText.en} (near-identical, ${reuse.distance} bits apart).`,
            },
        rule: {
          "zh-CN": "实施照片是项目进展的证据：同一镇街内，一张照片（含重新压缩、裁剪、镜像的副本）只应证明一个项目",
          en: "Implementation photos are evidence of a project's progress: within a township, one photo (or a re-compressed, cropped or mirrored copy) should stand for one project only",
        },
        legalBasis: joinBasis([vcolText("supervision", reuse.later.uploadedAt)]),
        evidence: {
          href: `/matters/${own.matterId}/implementation`,
          label: { "zh-CN": "两次使用并排对照", en: "both uses side by side" },
        },
        subject: { orgId, matterId: own.matterId, fileId: own.fileId },
        occurredAt: reuse.later.uploadedAt,
      }),
    );
  }
  return alerts;
}
