import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed";
import type { ArchiveFile } from "../audit/archivePackage";
import { pdfFacts, personalNumbers } from "../audit/verify.mjs";
import { minutesPdf } from "../minutes/pdf";
import { signatureLines } from "../minutes/signatureLines";
import { signInSheetPdf } from "../print/signInSheetPdf";
import { openInProcessDb } from "../testing/inProcessDb";
import { archiveSource, archiveZip } from "./archivePackage";

const VERIFY = path.resolve(import.meta.dirname, "../audit/verify.mjs");

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks);
}

/** `node verify.mjs --archive <zip>` as a township archivist runs it. */
function verifyZip(zip: Buffer | Uint8Array, dir: string, name = "package.zip") {
  const file = path.join(dir, name);
  writeFileSync(file, zip);
  const result = spawnSync(process.execPath, [VERIFY, "--archive", file], { encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Rewrites one file of the zip (or drops it), keeping everything else. */
function tampered(zip: Buffer, change: (files: Record<string, Uint8Array>, root: string) => void): Uint8Array {
  const files = unzipSync(new Uint8Array(zip));
  const root = Object.keys(files)[0]?.split("/")[0] as string;
  change(files, root);
  return zipSync(files);
}

const words = {
  role: (role: string) => ({ chair: "主持人", recorder: "记录人", attendee: "参会人" })[role] ?? role,
  method: (method: string) => ({ account: "本人手机签名", paper: "纸质签名", assisted: "代书" })[method] ?? method,
  when: (iso: string) => iso.slice(0, 16),
  scan: (hash: string) => `扫描件 ${hash.slice(0, 8)}`,
};

describe("the archive package of the demo's finished meeting", () => {
  let db: Awaited<ReturnType<typeof openInProcessDb>>;
  let work: string;
  let zip: Buffer;
  let meetingId: string;
  beforeAll(async () => {
    db = await openInProcessDb();
    await seedDemo();
    work = mkdtempSync(path.join(tmpdir(), "yishi-archive-test-"));
    const { prisma } = db.db;
    const meeting = await prisma.meeting.findFirstOrThrow({ where: { number: "2026年第2次" } });
    meetingId = meeting.id;
    const admin = await prisma.account.findUniqueOrThrow({ where: { phone: "13800000001" } });
    const source = await archiveSource({ id: admin.id, name: admin.displayName }, { kind: "meeting", id: meetingId });
    // The printed records as the route prints them (its words come from next-intl; plain words here).
    const printed: ArchiveFile[] = [];
    for (const m of source.meetings) {
      const data = m.minutes;
      if (!data) continue;
      for (const v of data.versions) {
        const bytes = await minutesPdf(
          {
            title: `会议记录（第${v.version}版）`,
            subtitle: `${data.meeting.orgName} · ${data.meeting.bodyName} ${data.meeting.number}`,
            text: v.text,
            sha256: v.sha256,
            reason: v.reason,
            signers: signatureLines(data.required, v.signatures, words),
            qr: { content: `https://example.org/m/${v.sha256}`, caption: "检查点" },
            labels: { hash: "SHA-256", signatures: "签名", correction: "更正原因", page: "第 {page} 页，共 {pages} 页", signHere: "签名：" },
          },
          true,
        );
        printed.push({ path: `minutes/${m.slug}-minutes-v${v.version}.pdf`, bytes, title: "会议记录", generated: true });
      }
      const sheet = await signInSheetPdf(
        {
          title: "签到表",
          subtitle: data.meeting.place,
          statement: "本人确认会议记录",
          rows: signatureLines(data.required, data.versions.at(-1)?.signatures ?? [], words),
          footer: "",
          labels: { number: "序号", name: "姓名", role: "身份", signature: "签名", recorded: "系统记录", page: "第 {page} 页" },
        },
        true,
      );
      printed.push({ path: `sign-in/${m.slug}-sign-in-sheet.pdf`, bytes: sheet, title: "签到表", generated: true });
    }
    const packed = await archiveZip(source, printed, new Date("2026-12-01T08:00:00Z"));
    zip = await collect(packed.stream);
  }, 240_000);
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await db?.close();
  });

  it("holds the records, the audit bundle, metadata, the self-check and a manifest, and verifies offline", () => {
    const files = unzipSync(new Uint8Array(zip));
    const names = Object.keys(files).map((n) => n.split("/").slice(1).join("/"));
    expect(names).toEqual(
      expect.arrayContaining([
        "manifest.json",
        "metadata.xml",
        "self-check.json",
        "self-check.html",
        "records/votes.json",
        "records/votes.csv",
        "records/named-votes.csv",
        "records/minutes.json",
        "audit/entries.jsonl",
        "audit/verify.mjs",
        "audit/scope.json",
        "minutes/meeting-2026-2-minutes-v1.pdf",
        "sign-in/meeting-2026-2-sign-in-sheet.pdf",
      ]),
    );
    const result = verifyZip(zip, work);
    expect(result.output).toContain("OK: archive package verified");
    expect(result.code).toBe(0);
    const read = (name: string) => Buffer.from(Object.entries(files).find(([n]) => n.endsWith(`/${name}`))?.[1] as Uint8Array).toString("utf8");
    // Both motions of the finished meeting, with their tallies, and the named show of hands.
    const votes = JSON.parse(read("records/votes.json")) as { motions: { text: string; namedVotes: unknown[]; result: { passed: boolean } }[] };
    expect(votes.motions.map((m) => m.result.passed)).toEqual([true, false]);
    expect(votes.motions.every((m) => m.namedVotes.length > 0)).toBe(true);
    expect(read("records/votes.csv")).toContain("未通过");
    const report = JSON.parse(read("self-check.json")) as { properties: { id: string; status: string; checks: { id: string; status: string }[] }[] };
    expect(report.properties.map((p) => p.id)).toEqual(["authenticity", "integrity", "usability", "security"]);
    const status = Object.fromEntries(report.properties.flatMap((p) => p.checks.map((c) => [c.id, c.status])));
    expect(status).toMatchObject({
      "audit.verifies": "pass",
      "audit.signed": "pass",
      "records.anchored": "pass",
      "audit.scope": "pass",
      "pdf.opens": "pass",
      "pdf.pdfa": "pass",
      "pdf.fonts": "pass",
      "text.utf8": "pass",
      "personal.masked": "pass",
      "signatures.present": "pass",
    });
    const scope = JSON.parse(read("audit/scope.json")) as { entries: { action: string }[] };
    expect(scope.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["minutes.snapshot", "minutes.signed"]));
    const xml = read("metadata.xml");
    expect(xml).toContain("<保管期限");
    expect(xml).toContain("<立档单位名称>");
    expect(xml).toContain('路径="records/votes.json"');
  });

  it("prints the minutes as PDF/A-2b with the OutputIntent, the XMP pdfaid and the font embedded", () => {
    const files = unzipSync(new Uint8Array(zip));
    const pdf = Buffer.from(Object.entries(files).find(([n]) => n.endsWith("minutes-v1.pdf"))?.[1] as Uint8Array);
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.7")).toBe(true);
    expect(text).toMatch(/\/S \/GTS_PDFA1/);
    expect(text).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(text).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(text).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(pdfFacts(pdf)).toMatchObject({ opens: true, pdfa: "2b", outputIntent: true, fontsEmbedded: true });
  });

  it("fails naming the file when a file is changed, removed, or the manifest is edited", () => {
    const changed = tampered(zip, (files, root) => {
      const name = `${root}/records/votes.csv`;
      files[name] = Buffer.from(
        Buffer.from(files[name] as Uint8Array)
          .toString("utf8")
          .replace("未通过", "通过"),
      );
    });
    let result = verifyZip(changed, work, "changed.zip");
    expect(result.code).toBe(1);
    expect(result.output).toContain("FAIL: records/votes.csv: changed");

    const removed = tampered(zip, (files, root) => {
      delete files[`${root}/minutes/meeting-2026-2-minutes-v1.pdf`];
    });
    result = verifyZip(removed, work, "removed.zip");
    expect(result.code).toBe(1);
    expect(result.output).toContain("FAIL: minutes/meeting-2026-2-minutes-v1.pdf: missing");

    // A changed file with the manifest "fixed" to match: metadata.xml still holds the old hash.
    const rehashed = tampered(zip, (files, root) => {
      const name = `${root}/records/votes.json`;
      const bytes = Buffer.from(
        Buffer.from(files[name] as Uint8Array)
          .toString("utf8")
          .replace('"passed": false', '"passed": true'),
      );
      files[name] = bytes;
      const manifest = JSON.parse(Buffer.from(files[`${root}/manifest.json`] as Uint8Array).toString("utf8")) as {
        files: { path: string; size: number; sha256: string }[];
      };
      const row = manifest.files.find((f) => f.path === "records/votes.json");
      if (row) Object.assign(row, { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
      files[`${root}/manifest.json`] = Buffer.from(JSON.stringify(manifest));
    });
    result = verifyZip(rehashed, work, "rehashed.zip");
    expect(result.code).toBe(1);
    expect(result.output).toContain("FAIL: metadata.xml: records/votes.json has another SHA-256 or size than manifest.json");

    const manifestEdited = tampered(zip, (files, root) => {
      const name = `${root}/manifest.json`;
      files[name] = Buffer.from(
        Buffer.from(files[name] as Uint8Array)
          .toString("utf8")
          .replace(/"size": (\d+)/, (_m, n: string) => `"size": ${Number(n) + 1}`),
      );
    });
    result = verifyZip(manifestEdited, work, "manifest.zip");
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/FAIL: \S+: changed \(its SHA-256 or size differs from manifest\.json\)/);
  });

  it("is refused to a member and to a caller without a session; verify.mjs stays dependency-free", async () => {
    const { prisma } = db.db;
    const member = await prisma.account.findUniqueOrThrow({ where: { phone: "13800000004" } });
    await expect(archiveSource({ id: member.id, name: member.displayName }, { kind: "meeting", id: meetingId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(archiveSource(null, { kind: "meeting", id: meetingId })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(readFileSync(VERIFY, "utf8")).not.toMatch(/^import .* from "(?!node:)/m);
  });

  it("finds personal numbers in the clear, but not digit runs inside hashes or masked numbers", () => {
    expect(personalNumbers('{"phone":"13800000001","id":"11010519491231002X"}')).toEqual({ ids: 1, phones: 1 });
    expect(personalNumbers('"leafHash":"ab13912345678cd" 138****0001 4401**********1234 110105194912310021')).toEqual({ ids: 0, phones: 0 });
  });
});
