/**
 * Writes a village archive package (issue #23 item 4) into a temporary folder and zips it: the given files, the
 * organization's audit bundle under audit/ (exportFromDb.ts) with audit/scope.json naming the entries of this meeting
 * or matter, records/files.json (what the record says each stored file is), the four-property self-check computed
 * by verify.mjs (self-check.json and a readable self-check.html), metadata.xml (DA/T 48 style, see README
 * "Archive packages") and manifest.json with every other file's SHA-256 and size. `verify.mjs --archive` rechecks
 * all of it offline.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { exportOrgBundle } from "./exportFromDb";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_MANIFEST,
  ARCHIVE_METADATA,
  ARCHIVE_REPORT,
  ARCHIVE_REPORT_HTML,
  type ArchiveReport,
  archiveSelfCheck,
  archiveXmlText as x,
} from "./verify.mjs";
import { zipFolderStream } from "./zipBundle";

export type ArchiveFile = {
  path: string;
  bytes: Buffer;
  /** A short title for metadata.xml (题名). */
  title: string;
  /** The SHA-256 the record holds for an uploaded file (evidence, scans): the self-check compares. */
  recordedSha256?: string;
  /** Printed by Yishi for the package (must be PDF/A). */
  generated?: boolean;
};

export type ArchiveMeta = {
  scope: { kind: "meeting" | "matter"; id: string };
  orgId: string;
  orgName: string;
  townshipName: string | null;
  title: string;
  from: Date;
  to: Date;
  meetings: { id: string; number: string; bodyName: string }[];
};

export type ArchiveZip = { fileName: string; root: string; stream: ReadableStream<Uint8Array>; report: ArchiveReport };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const PROPERTY_WORDS = { pass: "通过", warn: "提示", fail: "不通过" } as const;

/** The audit entries of the package: those of its meetings, and those naming one of its ids. */
async function scopeEntries(orgId: string, meetingIds: string[], ids: string[], size: number) {
  const rows = await currentDb().prisma.auditEntry.findMany({
    where: { orgId, seq: { lt: size }, OR: [{ meetingId: { in: meetingIds } }, ...ids.map((id) => ({ bytes: { contains: `"${id}"` } }))] },
    orderBy: { seq: "asc" },
    select: { seq: true, leafHash: true, action: true },
  });
  return rows;
}

/** 保管期限: decisions on the village's collective matters are kept permanently (永久); the class is written out. */
function retentionOf(meta: ArchiveMeta): { code: string; words: string } {
  return { code: "Y", words: meta.scope.kind === "matter" || meta.meetings.length > 0 ? "永久" : "长期" };
}

function metadataXml(
  meta: ArchiveMeta,
  files: { path: string; size: number; sha256: string; title: string }[],
  createdAt: Date,
  report: ArchiveReport,
): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const retention = retentionOf(meta);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<!-- 议事 Yishi 档案包元数据：参照 DA/T 48《基于XML的电子文件封装规范》的结构（封装包 → 被签名对象 → 电子文件元数据、文件清单）；元素说明见 README“Archive packages”。 -->",
    `<电子文件封装包 格式="${x(ARCHIVE_FORMAT)}">`,
    "  <封装包类型>原始型</封装包类型>",
    `  <封装包创建时间>${x(createdAt.toISOString())}</封装包创建时间>`,
    "  <封装包创建单位>议事 Yishi</封装包创建单位>",
    "  <被签名对象>",
    "    <档案实体>",
    `      <聚合层次>${meta.scope.kind === "meeting" ? "卷（一次会议）" : "卷（一个事项）"}</聚合层次>`,
    "      <来源>",
    `        <立档单位名称>${x(meta.orgName)}</立档单位名称>`,
    `        <立档单位标识>${x(meta.orgId)}</立档单位标识>`,
    `        <上级单位名称>${x(meta.townshipName ?? "")}</上级单位名称>`,
    "        <全宗号></全宗号>",
    "      </来源>",
    "      <档号>",
    "        <全宗号></全宗号>",
    "        <目录号></目录号>",
    "        <案卷号></案卷号>",
    `        <系统标识>${x(`${meta.scope.kind}:${meta.scope.id}`)}</系统标识>`,
    "      </档号>",
    "      <内容描述>",
    `        <题名>${x(meta.title)}</题名>`,
    `        <主题词>${meta.scope.kind === "meeting" ? "村务决策 会议记录 表决" : "村务决策 事项 实施"}</主题词>`,
    `        <起始日期>${day(meta.from)}</起始日期>`,
    `        <终止日期>${day(meta.to)}</终止日期>`,
    ...meta.meetings.map((m) => `        <会议 标识="${x(m.id)}">${x(`${m.bodyName} ${m.number}`)}</会议>`),
    "      </内容描述>",
    "      <形式特征>",
    `        <文件数>${files.length}</文件数>`,
    "        <语种>汉语</语种>",
    "      </形式特征>",
    "      <存储位置>本封装包内（相对路径见文件清单）</存储位置>",
    "      <权限管理>",
    "        <控制标识>村务公开事项；个人信息按规定遮蔽</控制标识>",
    `        <保管期限 代码="${retention.code}">${retention.words}</保管期限>`,
    "      </权限管理>",
    "    </档案实体>",
    "    <业务实体>",
    `      <业务行为>${meta.scope.kind === "meeting" ? "村民议事会议（四议两公开）" : "村级重大事项决策与实施（四议两公开）"}</业务行为>`,
    `      <机构人员名称>${x(meta.orgName)}</机构人员名称>`,
    "    </业务实体>",
    "    <四性检测>",
    ...report.properties.map((p) => `      <${p.zh} 结果="${PROPERTY_WORDS[p.status]}">${p.checks.length} 项检测，详见 ${ARCHIVE_REPORT_HTML}</${p.zh}>`),
    "    </四性检测>",
    "    <文件清单>",
    ...files.map((f) => `      <文件 路径="${x(f.path)}" 大小="${f.size}" SHA256="${f.sha256}"/>`),
    "    </文件清单>",
    "    <文件题名>",
    ...files.map((f) => `      <题名 路径="${x(f.path)}">${x(f.title)}</题名>`),
    "    </文件题名>",
    "  </被签名对象>",
    "  <电子签名>",
    "    <说明>本包不另加电子签名：内容的真实性由 audit/ 中经签名检查点覆盖的审计日志证明，完整性由 manifest.json 与本文件的 SHA-256 清单证明，用 node audit/verify.mjs --archive 复核。</说明>",
    "  </电子签名>",
    "</电子文件封装包>",
    "",
  ];
  return lines.join("\n");
}

function reportHtml(meta: ArchiveMeta, report: ArchiveReport, createdAt: Date): string {
  const e = x;
  const rows = report.properties
    .map(
      (p) =>
        `<h2>${e(p.zh)}（${e(p.id)}）：${PROPERTY_WORDS[p.status]}</h2>\n<table><tr><th>检测项</th><th>结果</th><th>说明</th></tr>\n${p.checks
          .map(
            (c) =>
              `<tr class="${c.status}"><td>${e(c.id)}</td><td>${PROPERTY_WORDS[c.status]}</td><td>${e(c.zh)}<br><small lang="en">${e(c.en)}</small></td></tr>`,
          )
          .join("\n")}</table>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>档案包四性检测报告</title>
<style>body{font:18px/1.6 sans-serif;max-width:60em;margin:1em auto;padding:0 1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.4em;text-align:left;vertical-align:top}tr.warn td{background:#fff6d5}tr.fail td{background:#fde2e2}small{color:#444}</style></head>
<body><h1>档案包四性检测报告</h1>
<p>${e(meta.orgName)} · ${e(meta.title)} · 生成于 ${e(createdAt.toISOString())}</p>
<p>真实性、完整性、可用性、安全性（参照 DA/T 70）由议事系统根据审计日志和包内文件自动计算；在电脑上运行 <code>node audit/verify.mjs --archive 本包.zip</code> 可离线复核。</p>
${rows}
</body></html>
`;
}

/** Builds the package; the zip is produced as the reader pulls, and the temporary folder is removed at the end. */
export async function writeArchivePackage(input: {
  meta: ArchiveMeta;
  files: ArchiveFile[];
  ids: string[];
  meetingIds: string[];
  now?: Date;
}): Promise<ArchiveZip> {
  const now = input.now ?? new Date();
  const temp = await mkdtemp(path.join(tmpdir(), "yishi-archive-"));
  const cleanup = () => rm(temp, { recursive: true, force: true });
  try {
    const stamp = now.toISOString().slice(0, 10).replace(/-/g, "");
    const root = `yishi-archive-${input.meta.scope.kind}-${input.meta.scope.id}-${stamp}`;
    const dir = path.join(temp, root);
    const seen = new Set<string>();
    const put = async (rel: string, bytes: Buffer | string) => {
      if (seen.has(rel) || rel.startsWith("/") || rel.split("/").includes(".."))
        throw new AppError("internal", `archive path ${rel} is not unique or not relative`);
      seen.add(rel);
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), bytes);
    };
    for (const f of input.files) await put(f.path, f.bytes);
    const exported = await exportOrgBundle(input.meta.orgId, path.join(dir, "audit"), { workers: 0, exportedAt: now });
    const scope = await scopeEntries(input.meta.orgId, input.meetingIds, input.ids, exported.entries);
    await put("audit/scope.json", `${JSON.stringify({ org: input.meta.orgId, scope: input.meta.scope, entries: scope }, null, 2)}\n`);
    const stored = input.files.map((f) => ({ path: f.path, title: f.title, recordedSha256: f.recordedSha256 ?? null, generated: f.generated === true }));
    await put("records/files.json", `${JSON.stringify({ files: stored }, null, 2)}\n`);

    const report = await archiveSelfCheck(dir);
    await put(ARCHIVE_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    await put(ARCHIVE_REPORT_HTML, reportHtml(input.meta, report, now));

    const titles = new Map<string, string>(input.files.map((f) => [f.path, f.title]));
    titles.set("audit/scope.json", "本卷审计记录清单");
    titles.set("records/files.json", "文件与系统记录哈希对照");
    titles.set(ARCHIVE_REPORT, "四性检测报告（数据）");
    titles.set(ARCHIVE_REPORT_HTML, "四性检测报告");
    const listed = await Promise.all(
      [...seen, ...(await bundleFiles(dir))]
        .filter((rel, i, all) => all.indexOf(rel) === i)
        .sort()
        .map(async (rel) => {
          const bytes = await readFile(path.join(dir, rel));
          return { path: rel, size: bytes.length, sha256: sha256(bytes), title: titles.get(rel) ?? (rel.startsWith("audit/") ? "审计日志导出包文件" : rel) };
        }),
    );
    const xml = metadataXml(input.meta, listed, now, report);
    await put(ARCHIVE_METADATA, xml);
    const xmlBytes = Buffer.from(xml, "utf8");
    const manifest = {
      format: ARCHIVE_FORMAT,
      createdAt: now.toISOString(),
      files: [
        ...listed.map(({ path: p, size, sha256: h }) => ({ path: p, size, sha256: h })),
        { path: ARCHIVE_METADATA, size: xmlBytes.length, sha256: sha256(xmlBytes) },
      ].sort((a, b) => (a.path < b.path ? -1 : 1)),
    };
    await put(ARCHIVE_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
    return { fileName: `${root}.zip`, root, stream: zipFolderStream(path.join(temp, root), root, now, cleanup), report };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The audit bundle's files (written by exportOrgBundle, not through `put`). */
async function bundleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk("audit");
  return out;
}
