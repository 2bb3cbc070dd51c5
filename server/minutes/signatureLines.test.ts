import { describe, expect, it } from "vitest";
import { type LineWords, signatureLines } from "./signatureLines";

const words: LineWords = {
  role: (role) => ({ chair: "主持人", recorder: "记录人", attendee: "参会人" })[role] ?? role,
  method: (method, witnesses) => ({ account: "本人手机签字", paper: "纸质签字", assisted: `代书（见证人：${witnesses}）` })[method],
  when: (iso) => iso.slice(0, 10),
  scan: (hash) => `扫描件校验码 ${hash}`,
};
const required = [
  { personId: "c", name: "陈国强", role: "chair" as const },
  { personId: "p", name: "李永康", role: "attendee" as const },
  { personId: "a", name: "何耀祖", role: "attendee" as const },
  { personId: "m", name: "张淑芬", role: "attendee" as const },
];

describe("signature lines of the printed minutes", () => {
  it("gives every required signer a line, saying how each signed and leaving the unsigned blank", () => {
    const lines = signatureLines(
      required,
      [
        { personId: "c", signedAt: "2026-12-03T01:00:00Z", method: "account", witnesses: [], scanSha256: null },
        { personId: "p", signedAt: "2026-12-03T02:00:00Z", method: "paper", witnesses: [], scanSha256: "ab".repeat(32) },
        { personId: "a", signedAt: "2026-12-03T03:00:00Z", method: "assisted", witnesses: ["陈国强", "黄锦华"], scanSha256: null },
      ],
      words,
    );
    expect(lines.map((l) => [l.name, l.role, l.signed])).toEqual([
      ["陈国强", "主持人", "本人手机签字，2026-12-03"],
      ["李永康", "参会人", `纸质签字，2026-12-03，扫描件校验码 ${"ab".repeat(8)}`],
      ["何耀祖", "参会人", "代书（见证人：陈国强、黄锦华），2026-12-03"],
      ["张淑芬", "参会人", null],
    ]);
  });
});
