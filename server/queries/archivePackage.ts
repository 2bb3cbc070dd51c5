/**
 * The archive package of one meeting or one matter (issue #23 item 4), for the village archive the township
 * supervises: the records as data (this file), the printed PDFs (server/print/archivePdfs.ts) and the package itself
 * (server/audit/archivePackage.ts: audit bundle, self-check, metadata.xml, manifest, zip). A pure read: nothing in
 * the record changes; the only write is the audit log's own checkpoint, signed first when entries are unsigned, as
 * for the supervisors' bundle download.
 *
 * Readers: the village's admin and supervisors (村务监督委员会), and the staff of the township above it.
 */
import { type ArchiveFile, type ArchiveMeta, type ArchiveZip, writeArchivePackage } from "../audit/archivePackage";
import { requireOrgRole, requireTownshipRoleOver, townshipOf } from "../auth/permissions";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { actorOf, type Viewer } from "./access";
import { type MeetingNotice, meetingNotice } from "./meetingNotice";
import { archivedMinutes, type MinutesExport } from "./minutesVersions";
import { type NoticePrint, noticePrint } from "./noticePrint";

export type { ArchiveFile };

export type ArchiveScope = { kind: "meeting" | "matter"; id: string };

export type ArchiveSource = {
  scope: ArchiveScope;
  orgId: string;
  orgName: string;
  townshipName: string | null;
  title: string;
  /** Earliest and latest day of the records (meetings, notices, progress), ISO. */
  from: Date;
  to: Date;
  meetings: { id: string; number: string; slug: string; bodyName: string; notice: MeetingNotice | null; minutes: MinutesExport | null }[];
  notices: { id: string; kind: string; postedAt: Date; print: NoticePrint }[];
  /** Data files (records/*, evidence/*, signatures/*) ready for the package. */
  files: ArchiveFile[];
  /** Ids whose audit entries belong to this package. */
  ids: string[];
  meetingIds: string[];
};

/** Refused unless the viewer is the village's admin or supervisor, or staff of the township above it. */
async function requireArchiveReader(viewer: Viewer | null, orgId: string): Promise<void> {
  if (!viewer) throw new AppError("unauthenticated", "login required");
  const { prisma } = currentDb();
  await requireOrgRole(prisma, actorOf(viewer), orgId, ["admin", "supervisor"]).catch(async (refused: unknown) => {
    if (!(await townshipOf(prisma, orgId))) throw refused;
    await requireTownshipRoleOver(prisma, actorOf(viewer), orgId, ["admin", "reviewer", "supervisor"]);
  });
}

/** Whether the viewer may download packages of the organization (the pages show the section only then). */
export async function canDownloadArchive(viewer: Viewer | null, orgId: string): Promise<boolean> {
  try {
    await requireArchiveReader(viewer, orgId);
    return true;
  } catch {
    return false;
  }
}

/**
 * File names inside the package are ASCII (a meeting's numbers, a counter): zip tools on Windows and older unzip
 * programs garble other names. The Chinese titles are in metadata.xml and records/*.json.
 */
export function meetingSlug(number: string, index: number): string {
  const digits = number.match(/[0-9]+/g);
  return digits ? `meeting-${digits.join("-")}` : `meeting-${index + 1}`;
}
const extOf = (filename: string, mime: string) => {
  const fromName = /\.([A-Za-z0-9]{1,5})$/.exec(filename)?.[1]?.toLowerCase();
  if (fromName) return fromName;
  return { "image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf" }[mime] ?? "bin";
};
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
/** CSV for spreadsheets: UTF-8 with a byte order mark (Excel and WPS open it as UTF-8), RFC 4180 quoting. */
function csv(rows: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`, "utf8");
}

/** Loads everything of a meeting or a matter the package holds, after authorizing the viewer. */
export async function archiveSource(viewer: Viewer | null, scope: ArchiveScope): Promise<ArchiveSource> {
  if (!viewer) throw new AppError("unauthenticated", "login required");
  if (typeof scope.id !== "string" || scope.id === "" || scope.id.length > 64)
    throw new AppError("invalid_input", "a meeting or matter id is needed", { field: "id" });
  const { prisma } = currentDb();
  let orgId: string;
  let title: string;
  let meetingIds: string[];
  let matterIds: string[];
  if (scope.kind === "meeting") {
    const meeting = await prisma.meeting.findUnique({
      where: { id: scope.id },
      select: { orgId: true, title: true, number: true, agenda: { select: { matterId: true } } },
    });
    if (!meeting) throw new AppError("not_found", "meeting not found");
    await requireArchiveReader(viewer, meeting.orgId);
    orgId = meeting.orgId;
    title = `${meeting.number} ${meeting.title}`;
    meetingIds = [scope.id];
    matterIds = [...new Set(meeting.agenda.flatMap((a) => (a.matterId ? [a.matterId] : [])))];
  } else {
    const matter = await prisma.matter.findUnique({ where: { id: scope.id }, select: { orgId: true, title: true, items: { select: { meetingId: true } } } });
    if (!matter) throw new AppError("not_found", "matter not found");
    await requireArchiveReader(viewer, matter.orgId);
    orgId = matter.orgId;
    title = matter.title;
    meetingIds = [...new Set(matter.items.map((i) => i.meetingId))];
    matterIds = [scope.id];
  }
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { name: true, parent: { select: { name: true, level: true } } } });
  const files: ArchiveFile[] = [];
  const ids = new Set<string>([...meetingIds, ...matterIds]);
  const dates: Date[] = [];

  // Meetings: the notice, minutes (every finalized version), votes.
  const meetingRows = await prisma.meeting.findMany({
    where: { id: { in: meetingIds } },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      number: true,
      title: true,
      startsAt: true,
      body: { select: { name: true } },
      agenda: { select: { id: true, position: true, title: true, matterId: true } },
      motions: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          itemId: true,
          text: true,
          method: true,
          matterKind: true,
          state: true,
          rule: true,
          result: true,
          enteredTotals: true,
          expected: true,
          present: true,
          openedAt: true,
          closedAt: true,
          votes: { select: { voterPersonId: true, castByPersonId: true, choice: true } },
          ballots: { select: { tracker: true, choice: true }, orderBy: { tracker: "asc" } },
        },
      },
    },
  });
  const personIds = new Set(meetingRows.flatMap((m) => m.motions.flatMap((x) => x.votes.flatMap((v) => [v.voterPersonId, v.castByPersonId]))));
  const people = await prisma.person.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, name: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const meetings: ArchiveSource["meetings"] = [];
  const motionsOut: unknown[] = [];
  const namedRows: (string | number | null)[][] = [["会议", "表决事项", "投票人", "代投人", "选择"]];
  const tallyRows: (string | number | null)[][] = [["会议", "议程", "表决事项", "表决方式", "应到", "实到", "赞成", "反对", "弃权", "所需赞成票", "结果"]];
  const minutesOut: unknown[] = [];
  for (const [index, m] of meetingRows.entries()) {
    const slug = meetingSlug(m.number, index);
    dates.push(m.startsAt);
    for (const item of m.agenda) ids.add(item.id);
    const minutes = await archivedMinutes(m.id);
    const notice = await meetingNotice(viewer, m.id, true).catch(() => null);
    meetings.push({ id: m.id, number: m.number, slug, bodyName: m.body.name, notice, minutes });
    for (const motion of m.motions) {
      ids.add(motion.id);
      const result = (motion.result ?? null) as { tally?: { yes?: number; no?: number; abstain?: number }; passed?: boolean; outcome?: string } | null;
      const rule = (motion.rule ?? null) as { sentence?: { "zh-CN"?: string }; yesRequired?: number } | null;
      const item = m.agenda.find((a) => a.id === motion.itemId);
      const isSecret = motion.method === "secret";
      const namedVotes = isSecret
        ? []
        : motion.votes
            .map((v) => ({
              voter: nameOf.get(v.voterPersonId) ?? "",
              castBy: v.castByPersonId === v.voterPersonId ? null : (nameOf.get(v.castByPersonId) ?? ""),
              choice: v.choice,
            }))
            .sort((a, b) => a.voter.localeCompare(b.voter, "zh-CN"));
      motionsOut.push({
        id: motion.id,
        meeting: m.number,
        agendaItem: item ? `${item.position}. ${item.title}` : null,
        text: motion.text,
        method: motion.method,
        matterKind: motion.matterKind,
        state: motion.state,
        openedAt: motion.openedAt,
        closedAt: motion.closedAt,
        expected: motion.expected,
        present: motion.present,
        rule: motion.rule,
        result: motion.result,
        enteredTotals: motion.enteredTotals,
        namedVotes,
        // Secret ballots: the sorted trackers with their choices, never who chose what.
        ballots: isSecret ? motion.ballots : [],
      });
      for (const v of namedVotes) namedRows.push([m.number, motion.text, v.voter, v.castBy, v.choice]);
      const tally = result?.tally ?? {};
      tallyRows.push([
        m.number,
        item ? item.title : "",
        motion.text,
        motion.method,
        motion.expected,
        motion.present,
        tally.yes ?? null,
        tally.no ?? null,
        tally.abstain ?? null,
        rule?.yesRequired ?? null,
        result ? (result.passed === true ? "通过" : result.passed === false ? "未通过" : (result.outcome ?? "")) : "",
      ]);
    }
    const versions = [];
    for (const v of minutes?.versions ?? []) {
      ids.add(v.id);
      dates.push(new Date(v.finalizedAt));
      const scans = await prisma.signatureScan.findMany({
        where: { versionId: v.id },
        orderBy: { createdAt: "asc" },
        select: { id: true, filename: true, mime: true, sha256: true, data: true },
      });
      const scanPaths = new Map<string, string>();
      scans.forEach((scan, i) => {
        const p = `signatures/${slug}-v${v.version}-${i + 1}.${extOf(scan.filename, scan.mime)}`;
        scanPaths.set(scan.sha256, p);
        files.push({ path: p, bytes: Buffer.from(scan.data), recordedSha256: scan.sha256, title: `${m.number} 第${v.version}版会议记录签名页扫描件` });
      });
      versions.push({
        version: v.version,
        sha256: v.sha256,
        finalizedAt: v.finalizedAt,
        reason: v.reason,
        signatures: v.signatures.map((s) => ({
          personId: s.personId,
          name: s.name,
          role: s.role,
          method: s.method,
          signedAt: s.signedAt,
          witnesses: s.witnesses,
          scanSha256: s.scanSha256,
          scanPath: s.scanSha256 ? (scanPaths.get(s.scanSha256) ?? null) : null,
        })),
      });
    }
    minutesOut.push({
      meetingId: m.id,
      number: m.number,
      title: m.title,
      body: m.body.name,
      required: (minutes?.required ?? []).map((r) => ({ personId: r.personId, name: r.name, role: r.role })),
      versions,
    });
  }
  files.push({ path: "records/minutes.json", bytes: json({ meetings: minutesOut }), title: "会议记录版本与签名（数据）" });
  files.push({ path: "records/votes.json", bytes: json({ motions: motionsOut }), title: "表决记录：表决事项、规则、计票、记名投票（数据）" });
  files.push({ path: "records/votes.csv", bytes: csv(tallyRows), title: "表决结果汇总表" });
  files.push({ path: "records/named-votes.csv", bytes: csv(namedRows), title: "记名投票明细表" });

  // Matters: their notices (公示) and implementation (plan, progress, evidence).
  const notices: ArchiveSource["notices"] = [];
  const noticeRows = await prisma.notice.findMany({
    where: { matterId: { in: matterIds } },
    orderBy: { postedAt: "asc" },
    select: { id: true, kind: true, postedAt: true },
  });
  for (const n of noticeRows) {
    ids.add(n.id);
    dates.push(n.postedAt);
    notices.push({ id: n.id, kind: n.kind, postedAt: n.postedAt, print: await noticePrint(orgId, n.id) });
  }
  const plans = await prisma.implementationPlan.findMany({
    where: { matterId: { in: matterIds } },
    select: {
      id: true,
      matterId: true,
      decisionCode: true,
      capFen: true,
      startsOn: true,
      endsOn: true,
      milestones: { orderBy: { position: "asc" }, select: { title: true, dueOn: true, doneOn: true } },
      updates: { orderBy: { createdAt: "asc" }, select: { id: true, text: true, spentFen: true, reportedOn: true, createdAt: true } },
      evidence: {
        orderBy: { createdAt: "asc" },
        select: { id: true, updateId: true, kind: true, filename: true, mime: true, sha256: true, data: true, takenAt: true },
      },
    },
  });
  const plansOut = [];
  for (const plan of plans) {
    ids.add(plan.id);
    const evidence = plan.evidence.map((e, i) => {
      ids.add(e.id);
      const p = `evidence/${plan.decisionCode.replace(/[^A-Za-z0-9-]+/g, "_")}/${String(i + 1).padStart(3, "0")}.${extOf(e.filename, e.mime)}`;
      files.push({ path: p, bytes: Buffer.from(e.data), recordedSha256: e.sha256, title: `${e.kind === "photo" ? "实施照片" : "实施文件"}：${e.filename}` });
      return { path: p, updateId: e.updateId, kind: e.kind, filename: e.filename, sha256: e.sha256, takenAt: e.takenAt };
    });
    for (const u of plan.updates) {
      ids.add(u.id);
      dates.push(u.createdAt);
    }
    plansOut.push({
      matterId: plan.matterId,
      decisionCode: plan.decisionCode,
      capYuan: plan.capFen === null ? null : Number(plan.capFen) / 100,
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      milestones: plan.milestones,
      updates: plan.updates.map((u) => ({ ...u, spentYuan: Number(u.spentFen) / 100, spentFen: undefined })),
      evidence,
    });
  }
  files.push({ path: "records/implementation.json", bytes: json({ plans: plansOut }), title: "实施计划、进展与证据清单（数据）" });

  const sorted = dates.sort((a, b) => a.getTime() - b.getTime());
  const township = org?.parent?.level === "township" ? org.parent.name : null;
  return {
    scope,
    orgId,
    orgName: org?.name ?? orgId,
    townshipName: township,
    title,
    from: sorted[0] ?? new Date(),
    to: sorted[sorted.length - 1] ?? new Date(),
    meetings,
    notices,
    files,
    ids: [...ids],
    meetingIds,
  };
}

/** Packs the source's data files and the printed PDFs, with the audit bundle, self-check, metadata and manifest. */
export function archiveZip(source: ArchiveSource, printed: ArchiveFile[], now: Date = new Date()): Promise<ArchiveZip> {
  const meta: ArchiveMeta = {
    scope: source.scope,
    orgId: source.orgId,
    orgName: source.orgName,
    townshipName: source.townshipName,
    title: source.title,
    from: source.from,
    to: source.to,
    meetings: source.meetings.map((m) => ({ id: m.id, number: m.number, bodyName: m.bodyName })),
  };
  return writeArchivePackage({ meta, files: [...printed, ...source.files], ids: source.ids, meetingIds: source.meetingIds, now });
}
