/**
 * The split view (issue #21 item 3): the township's witness refused a checkpoint of the village's audit log because it
 * contradicts a tree the witness had already cosigned — same size with another root, or a tree that the consistency
 * proof does not show to extend the cosigned one. Two different histories of one log exist: the record was
 * rewritten. Always red. Pure.
 */
import type { SplitViewFact } from "./facts";
import { joinBasis, vcolText } from "./law";
import { makeAlert } from "./make";
import type { Alert } from "./types";

/** "2026-12-03 21:10" in China time. */
function chinaMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export function splitViewAlerts(orgId: string, fact: SplitViewFact | null | undefined): Alert[] {
  if (!fact) return [];
  const { cosigned, submitted, proof } = fact;
  const cosignedAt = cosigned.at ? chinaMinute(cosigned.at) : null;
  const sameSize = cosigned.size === submitted.size;
  const shrank = submitted.size < cosigned.size;
  const failed = sameSize
    ? {
        "zh-CN": `两者同为前 ${cosigned.size} 条记录，根哈希却不同：同一段历史有了两个版本。`,
        en: `Both cover the first ${cosigned.size} entries, yet their root hashes differ: one stretch of history exists in two versions.`,
      }
    : shrank
      ? {
          "zh-CN": `新检查点比已见证的还短（${submitted.size} < ${cosigned.size} 条）：已见证过的记录不见了。`,
          en: `The new checkpoint is shorter than the one witnessed (${submitted.size} < ${cosigned.size} entries): witnessed entries are gone.`,
        }
      : {
          "zh-CN": `随附的一致性证明（从第 ${proof.fromSize} 条起，${proof.hashes} 个哈希）不能证明新树是已见证的前 ${cosigned.size} 条的延续：前面的记录被改过。`,
          en: `The consistency proof sent with it (from size ${proof.fromSize}, ${proof.hashes} hashes) does not show the new tree extends the witnessed first ${cosigned.size} entries: earlier entries were changed.`,
        };
  const more = fact.refusals > 1 ? { "zh-CN": `（见证共拒绝 ${fact.refusals} 次）`, en: ` (refused ${fact.refusals} times in all)` } : { "zh-CN": "", en: "" };
  return [
    makeAlert({
      level: "red",
      scope: "village",
      code: "witness_split_view",
      message: {
        "zh-CN":
          `镇街见证（${fact.witness}）拒绝了本组织审计日志的新检查点${more["zh-CN"]}。已见证：前 ${cosigned.size} 条，根哈希 ${cosigned.rootHash}` +
          `${cosignedAt ? `，${cosignedAt} 见证` : ""}；新提交：前 ${submitted.size} 条，根哈希 ${submitted.rootHash}，${chinaMinute(submitted.at)} 提交。${failed["zh-CN"]}`,
        en:
          `The township's witness (${fact.witness}) refused a new checkpoint of this organization's audit log${more.en}. Witnessed: first ${cosigned.size} entries, root hash ${cosigned.rootHash}` +
          `${cosignedAt ? `, witnessed ${cosignedAt}` : ""}; newly submitted: first ${submitted.size} entries, root hash ${submitted.rootHash}, submitted ${chinaMinute(submitted.at)}. ${failed.en}`,
      },
      rule: {
        "zh-CN": "审计日志只能追加：见证人对同一条数只认一个根哈希，新检查点必须能用一致性证明接在已见证的检查点之后（c2sp.org/tlog-witness）",
        en: "The audit log is append-only: a witness accepts one root hash per size, and a new checkpoint must extend the witnessed one by a consistency proof (c2sp.org/tlog-witness)",
      },
      legalBasis: joinBasis([vcolText("archive", submitted.at), vcolText("supervision", submitted.at)]),
      evidence: {
        href: `/orgs/${orgId}/witness`,
        label: { "zh-CN": "见证拒绝的证据（两个检查点与证明）", en: "the witness's evidence (both checkpoints and the proof)" },
      },
      subject: { orgId },
      occurredAt: submitted.at,
    }),
  ];
}
