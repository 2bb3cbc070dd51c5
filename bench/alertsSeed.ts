/**
 * Bulk SQL for the alerts bench (issue #20 item 7): a district — villages, cooperatives under them, matters at every
 * stage with their moves, meetings, votes, notices, objections, recusals and proxies, and the audit log — written
 * with INSERT … SELECT generate_series, not through the commands (a million audit entries through the commands would
 * take hours). About one record in twenty breaks a rule, so the alert queries have something to find.
 */
import type { SqlRunner } from "../server/db/migrate";

export type DistrictSize = { villages: number; cooperatives: number; matters: number; auditEntries: number; meetingsPerOrg: number };

const STAGES = ["raised", "proposal", "consultation", "review", "decision", "decision_disclosure", "implementation", "result_disclosure", "closed"];

export async function seedDistrict(sql: SqlRunner, size: DistrictSize, onStep: (step: string) => void): Promise<void> {
  const { villages: V, cooperatives: C, matters: M, auditEntries: A, meetingsPerOrg: K } = size;
  const orgs = V + C;
  onStep("organizations, bodies, households, people");
  await sql.exec(`
    INSERT INTO "Organization" (id, name, level, "parentId", "noticeDays", "createdAt")
      SELECT 'v' || i, '村' || i, 'village', NULL, 7, now() - interval '400 days' FROM generate_series(0, ${V - 1}) i;
    INSERT INTO "Organization" (id, name, level, "parentId", "noticeDays", "createdAt")
      SELECT 'c' || j, '经济社' || j, 'cooperative', 'v' || (j % ${V}), 7, now() - interval '400 days' FROM generate_series(0, ${C - 1}) j;
    CREATE TEMP TABLE bench_org AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, level FROM "Organization" WHERE id ~ '^[vc][0-9]+$';
    INSERT INTO "Body" (id, "orgId", kind, name, charter, "createdAt")
      SELECT 'b' || id, id, CASE WHEN level = 'village' THEN 'villager-representatives' ELSE 'member-representatives' END, '代表会议', '{}', now() FROM bench_org;
    INSERT INTO "Household" (id, "orgId", number, "createdAt")
      SELECT 'h' || o.id || '_' || k, o.id, lpad(k::text, 3, '0'), now() FROM bench_org o, generate_series(0, 9) k;
    INSERT INTO "Person" (id, "orgId", "householdId", name, gender, "createdAt")
      SELECT 'p' || o.id || '_' || k, o.id, 'h' || o.id || '_' || (k % 10), '成员' || k, CASE WHEN k % 2 = 0 THEN 'female' ELSE 'male' END::"Gender", now()
      FROM bench_org o, generate_series(0, 14) k;
    INSERT INTO "BodyMember" ("bodyId", "personId", seat)
      SELECT 'b' || o.id, 'p' || o.id || '_' || k, 'representative' FROM bench_org o, generate_series(0, 14) k;
  `);
  onStep("meetings");
  // K meetings per organization, one a month back from today; the newest is upcoming, the second newest adjourned
  // with unsigned minutes in one organization of seven, one meeting in twenty recorded a procedure warning.
  await sql.exec(`
    INSERT INTO "Meeting" (id, "shortCode", "orgId", "bodyId", number, title, "startsAt", place, "noticeDate", state, "openedAt", "adjournedAt", "procedureWarnings", "createdAt")
      SELECT 'm' || o.id || '_' || k, 'sc' || o.id || '_' || k, o.id, 'b' || o.id, k || '', '代表会议',
        now() + (interval '30 days') * (1 - k) + interval '2 hours',
        '会议室', (now() + (interval '30 days') * (1 - k) - interval '12 days')::date,
        (CASE WHEN k = 0 THEN 'scheduled' WHEN k = 1 AND o.n % 7 = 0 THEN 'adjourned' ELSE 'archived' END)::"MeetingState",
        CASE WHEN k = 0 THEN NULL ELSE now() + (interval '30 days') * (1 - k) + interval '2 hours' END,
        CASE WHEN k = 0 THEN NULL ELSE now() + (interval '30 days') * (1 - k) + interval '4 hours' END,
        CASE WHEN (o.n + k) % 20 = 3 THEN jsonb_build_array(jsonb_build_object('code', 'notice_too_short', 'legalBasis', '村民委员会组织法（2025年修正）第二十五条',
          'message', jsonb_build_object('zh-CN', '通知期不足。', 'en', 'Notice too short.'), 'at', to_char(now() - (interval '30 days') * (k - 1), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) END,
        now()
      FROM bench_org o, generate_series(0, ${K - 1}) k;
  `);
  onStep("matters and their moves");
  // Matter i belongs to organization i mod orgs; its stage is spread over S0 … closed.
  await sql.exec(`
    INSERT INTO "Matter" (id, "orgId", title, kind, source, stage, "createdAt")
      SELECT 'x' || i, o.id, '事项' || i, 'general', 'cadres', (ARRAY[${STAGES.map((s) => `'${s}'`).join(",")}])[1 + (i / ${orgs}) % 9], now() - interval '200 days'
      FROM generate_series(0, ${M - 1}) i JOIN bench_org o ON o.n = i % ${orgs};
    CREATE TEMP TABLE bench_matter AS
      SELECT id, "orgId", array_position(ARRAY[${STAGES.map((s) => `'${s}'`).join(",")}], stage) - 1 AS s, substr(id, 2)::int AS i FROM "Matter" WHERE id ~ '^x[0-9]+$';
    -- One move per stage reached, ten days apart; one matter in fifty jumped from S0 straight to its stage.
    INSERT INTO "MatterEvent" (id, "matterId", "fromStage", "toStage", at)
      SELECT 'e' || m.id || '_' || st, m.id, (ARRAY[${STAGES.map((s) => `'${s}'`).join(",")}])[st], (ARRAY[${STAGES.map((s) => `'${s}'`).join(",")}])[st + 1],
        now() - interval '120 days' + (interval '10 days') * st
      FROM bench_matter m, generate_series(1, 8) st WHERE st <= m.s AND (m.i % 50 <> 7 OR m.s < 2);
    INSERT INTO "MatterEvent" (id, "matterId", "fromStage", "toStage", at)
      SELECT 'e' || m.id || '_jump', m.id, 'raised', (ARRAY[${STAGES.map((s) => `'${s}'`).join(",")}])[m.s + 1], now() - interval '30 days'
      FROM bench_matter m WHERE m.i % 50 = 7 AND m.s >= 2;
  `);
  onStep("agenda items, decision votes, notices, objections");
  // Matters at S4 and after: an agenda item in the organization's third meeting and a passed, announced vote.
  await sql.exec(`
    INSERT INTO "AgendaItem" (id, "meetingId", position, title, "matterId")
      SELECT 'a' || m.id, 'm' || m."orgId" || '_2', row_number() OVER (PARTITION BY m."orgId" ORDER BY m.i), '议题', m.id FROM bench_matter m WHERE m.s >= 4;
    INSERT INTO "Motion" (id, "meetingId", "itemId", text, "matterKind", method, state, present, expected, result, "openedAt", "closedAt", "announcedAt", "createdAt")
      SELECT 'v' || m.id, 'm' || m."orgId" || '_2', 'a' || m.id, '同意', 'general', 'hands_named', 'announced', 12, 15,
        jsonb_build_object('passed', m.i % 100 <> 11, 'quorumMet', m.i % 100 <> 11, 'competent', true, 'quorumRequired', 10, 'yesRequired', 7,
          'legalBasis', jsonb_build_array('村民委员会组织法（2025年修正）第三十条'), 'explanation', jsonb_build_object('zh-CN', '表决结果。', 'en', 'Result.'),
          'tally', jsonb_build_object('yes', 10, 'no', 1, 'abstain', 1)),
        now() - interval '80 days', now() - interval '80 days', now() - interval '80 days', now()
      FROM bench_matter m WHERE m.s >= 4;
    -- Decision notices (one in forty missing), posted two days after the vote; result notices at S7 and closed.
    INSERT INTO "Notice" (id, "orgId", "matterId", kind, title, body, "postedAt", "periodDays", "endsAt")
      SELECT 'n' || m.id, m."orgId", m.id, 'decision', '决议公告', '内容', now() - interval '78 days', CASE WHEN m.i % 60 = 5 THEN 3 ELSE 7 END, now() - interval '71 days'
      FROM bench_matter m WHERE m.s >= 5 AND m.i % 40 <> 9;
    INSERT INTO "Notice" (id, "orgId", "matterId", kind, title, body, "postedAt", "periodDays", "endsAt")
      SELECT 'r' || m.id, m."orgId", m.id, 'result', '实施结果公告', '内容', now() - interval '20 days', 7, now() - interval '13 days'
      FROM bench_matter m WHERE m.s >= 7 AND m.i % 40 <> 13;
    INSERT INTO "Objection" (id, "noticeId", "accountId", text, "createdAt", reply, "repliedAt")
      SELECT 'o' || n.id, n.id, 'acct', '异议', n."postedAt" + interval '1 day', CASE WHEN substr(n.id, 3)::int % 2 = 0 THEN '答复' END, CASE WHEN substr(n.id, 3)::int % 2 = 0 THEN now() END
      FROM "Notice" n WHERE n.id ~ '^nx[0-9]+$' AND substr(n.id, 3)::int % 10 = 0;
    -- Recusals and proxies: one household of every eleventh village recused at three meetings, and voted by proxy.
    INSERT INTO "AgendaItem" (id, "meetingId", position, title)
      SELECT 'ai' || o.id || '_' || k, 'm' || o.id || '_' || k, 1000, '议题' FROM bench_org o, generate_series(1, ${K - 1}) k;
    INSERT INTO "Recusal" ("itemId", "personId", reason, "declaredAt")
      SELECT 'ai' || o.id || '_' || k, 'p' || o.id || '_3', '亲属关系', now() - (interval '30 days') * (k - 1)
      FROM bench_org o, generate_series(1, LEAST(3, ${K - 1})) k WHERE o.n % 11 = 0;
    INSERT INTO "Attendance" ("meetingId", "personId", status, "proxyHolderId", "authorizationNote", method, "recordedAt")
      SELECT 'm' || o.id || '_' || k, 'p' || o.id || '_' || (4 + (k % 2) * 10), 'proxy', 'p' || o.id || '_5', '书面委托', 'chair', now() - (interval '30 days') * (k - 1)
      FROM bench_org o, generate_series(1, LEAST(3, ${K - 1})) k WHERE o.n % 11 = 0;
  `);
  onStep(`${A.toLocaleString("en")} audit entries and checkpoints`);
  // Entries spread evenly over the organizations; every fortieth entry belongs to a meeting. Each organization's
  // checkpoint covers all but its last entries in one case of nine (a meeting not yet sealed).
  const perOrg = Math.ceil(A / orgs);
  await sql.exec(`
    INSERT INTO "AuditEntry" ("orgId", seq, bytes, "leafHash", "meetingId", action, "actorId", ts)
      SELECT o.id, s, '{}', md5(o.id || s), CASE WHEN s % 40 = 39 THEN 'm' || o.id || '_' || (1 + (s / 40) % ${Math.max(1, K - 1)}) END, 'bench.entry', NULL, now() - interval '1 day'
      FROM bench_org o, generate_series(0, ${perOrg - 1}) s WHERE o.n * ${perOrg} + s < ${A};
    INSERT INTO "AuditCheckpoint" ("orgId", size, "rootHash", note, "createdAt")
      SELECT o.id, CASE WHEN o.n % 9 = 4 THEN GREATEST(0, c.n - 50) ELSE c.n END, md5(o.id), 'bench', now()
      FROM bench_org o JOIN (SELECT "orgId", count(*)::int AS n FROM "AuditEntry" GROUP BY "orgId") c ON c."orgId" = o.id;
    ANALYZE;
  `);
}
