/**
 * Issue #16 through the socket: the item's matter decides the rule. For every body and every kind of matter it may
 * decide, a meeting whose agenda links a matter of that kind: the chair's form sending `general` is refused (where
 * the matter's rule is another), a vote opened without a kind uses the matter's, everyone sees the number needed
 * before voting, and the announced result is decided by that same number. 6 yes / 3 no / 1 abstain, 10 of 15 present.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOWNSHIP_PRE_REVIEW, TOWNSHIP_ACCOUNTS } from "../../prisma/demoTownship";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { BODY_KINDS, type BodyKind, evaluateDecision, isCompetent, MATTER_KINDS, type MatterKind } from "../domain/rules";
import { AdminApi } from "../testing/adminApi";
import { login } from "../testing/http";
import { type LiveClient, liveClient, type Reply } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";

type Rule = { matterKind: string; kindSource: string; yesRequired: number; sentence: Record<string, string>; basis: Record<string, string> };
type View = {
  agenda: { id: string; isCurrent: boolean }[];
  roster?: { personId: string }[];
  nextVote?: { linkedKind: string | null; rules: Rule[] };
  motion: { id: string; state: string; rule: Rule | null; result?: { passed: boolean; yesRequired: number; explanation: Record<string, string> } } | null;
};
type Joined = { view: View; me: { personId: string } | null };

function must<T>(reply: Reply<T>, what: string): T {
  if (!reply.ok) throw new Error(`${what}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

const today = new Date();
const combos = BODY_KINDS.flatMap((body) => MATTER_KINDS.filter((matter) => isCompetent(body, matter)).map((matter) => ({ body, matter })));

describe("the matter decides the rule of a live vote (issue #16)", () => {
  let server: TestServer;
  let api: AdminApi;
  let chair: LiveClient;
  let observer: LiveClient;
  let orgId: string;
  let roster: string[];
  let chairPersonId: string;

  beforeAll(async () => {
    server = await startServer();
    api = new AdminApi(server.url);
    await api.loginAll();
    chair = await liveClient(server.url, api.cookie("chair"));
    observer = await liveClient(server.url);
    const orgs = (await api.must("GET", "/api/orgs")) as unknown as { id: string; name: string }[];
    orgId = orgs.find((o) => o.name === "平洲村（演示）")?.id ?? "";
    const meetings = await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: api.cookie("chair") } })).json();
    const demo = must(await chair.call<Joined>("meeting:join", { meetingId: meetings.data[0].id }), "join demo");
    roster = (demo.view.roster ?? []).map((m) => m.personId);
    chairPersonId = demo.me?.personId ?? "";
    expect(roster).toHaveLength(15);
  }, 120_000);

  afterAll(async () => {
    chair?.close();
    observer?.close();
    await server?.cleanup();
  });

  async function approvePreReview(matterId: string): Promise<void> {
    const { id } = await api.must("POST", `/api/admin/matters/${matterId}/prereview`, {});
    const reviewer = await login(server.url, TOWNSHIP_ACCOUNTS.reviewer, DEMO_PASSWORD);
    const answer = await fetch(`${server.url}/api/township/prereviews/${id}`, {
      method: "POST",
      headers: { cookie: reviewer ?? "", accept: "application/json", "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ decision: "approve", reasons: "" }),
    });
    expect(answer.status).toBe(200);
  }

  async function meetingOf(body: BodyKind, items: { title: string; kind?: MatterKind }[]): Promise<string> {
    const { id: bodyId } = await api.must("POST", `/api/admin/orgs/${orgId}/bodies`, { kind: body, name: `${body} 测试` });
    await api.must("POST", `/api/admin/bodies/${bodyId}/roster`, { members: roster.map((personId) => ({ personId })) });
    await api.must("POST", `/api/admin/bodies/${bodyId}/officers`, { chairId: chairPersonId, recorderId: null });
    const agenda = [];
    for (const item of items) {
      if (item.kind === undefined) {
        agenda.push({ title: item.title });
        continue;
      }
      const { id: matterId } = await api.must("POST", "/api/admin/matters", { orgId, title: item.title, source: "villagers", kind: item.kind });
      // The demo township pre-reviews these kinds before their 决议 vote (issue #20): its reviewer approves first.
      if (DEMO_TOWNSHIP_PRE_REVIEW.preReviewKinds.includes(item.kind)) await approvePreReview(matterId as string);
      agenda.push({ title: item.title, matterId });
    }
    const { id } = await api.must("POST", "/api/admin/meetings", {
      bodyId,
      number: `规则${body}${Date.now().toString(36)}`,
      title: "表决规则测试",
      startsAt: today.toISOString(),
      place: "村委会",
      agenda,
    });
    const meetingId = id as string;
    must(await chair.call("meeting:open", { meetingId }), "open");
    for (const personId of roster.slice(0, 10))
      must(await chair.call("meeting:attendance", { meetingId, personId, status: "present_in_person" }), "attendance");
    return meetingId;
  }

  async function chairView(meetingId: string): Promise<View> {
    return must(await chair.call<Joined>("meeting:join", { meetingId }), "join").view;
  }

  it.each(BODY_KINDS)(
    "every kind of matter a %s may decide: the matter's kind and number, before and after the vote",
    async (body) => {
      const kinds = combos.filter((c) => c.body === body).map((c) => c.matter);
      const meetingId = await meetingOf(
        body,
        kinds.map((kind) => ({ title: `事项 ${kind}`, kind })),
      );
      const publicView = async () => must(await observer.call<Joined>("meeting:join", { meetingId }), "observer join").view;
      for (const kind of kinds) {
        must(await chair.call("meeting:startItem", { meetingId }), "start item");
        const expected = evaluateDecision({ body, matter: kind, members: 15, present: 10, yes: 6, no: 3, abstain: 1, on: today });
        const before = await chairView(meetingId);
        // The chair's form, before the vote opens: the matter's kind, read-only, and its number.
        expect(before.nextVote?.linkedKind).toBe(kind);
        expect(before.nextVote?.rules.map((r) => [r.matterKind, r.yesRequired])).toEqual([[kind, expected.yesRequired]]);
        if (kind !== "general") {
          // The form's old default: refused, naming both kinds, and nothing opened.
          const forged = await chair.call("vote:open", { meetingId, text: `同意${kind}`, method: "hands_totals", matterKind: "general" });
          expect(forged).toMatchObject({ ok: false, error: { code: "matter_kind_mismatch", details: { matterKind: kind, requested: "general" } } });
          expect((await chairView(meetingId)).motion).toBeNull();
        }
        const { result: opened } = must(
          await chair.call<{ result: { motionId: string } }>("vote:open", { meetingId, text: `同意${kind}`, method: "hands_totals" }),
          `open ${kind}`,
        );
        const seen = (await publicView()).motion;
        expect(seen?.rule).toMatchObject({ matterKind: kind, kindSource: "matter", yesRequired: expected.yesRequired });
        expect(seen?.rule?.sentence["zh-CN"]).toContain(`需同意 ${expected.yesRequired} 票`);
        must(await chair.call("vote:totals", { meetingId, motionId: opened.motionId, kind: "totals", yes: 6, no: 3, abstain: 1 }), "totals");
        must(await chair.call("vote:close", { meetingId, motionId: opened.motionId }), "close");
        must(await chair.call("vote:announce", { meetingId, motionId: opened.motionId }), "announce");
        const announced = (await publicView()).motion?.result;
        expect([kind, announced?.yesRequired, announced?.passed]).toEqual([kind, expected.yesRequired, expected.passed]);
      }
    },
    240_000,
  );

  it("land to outsiders at a representatives' meeting: 6/3/1 of 10 present fails against 10 of all 15", async () => {
    const meetingId = await meetingOf("villager-representatives", [{ title: "鱼塘发包给外村承包人", kind: "land-contract-outsider" }]);
    must(await chair.call("meeting:startItem", { meetingId }), "start item");
    const { result } = must(
      await chair.call<{ result: { motionId: string } }>("vote:open", { meetingId, text: "同意鱼塘发包给外村承包人", method: "hands_totals" }),
      "open",
    );
    const during = await chairView(meetingId);
    // No vote form while the vote runs (ChairConsole shows it with no motion or after the announcement): no rules.
    expect(during.nextVote).toBeUndefined();
    const rule = during.motion?.rule;
    expect(rule?.sentence["zh-CN"]).toBe("本项属于土地发包给本集体以外的单位或个人，须经全体村民代表的三分之二以上同意：需同意 10 票（应到 15 人）");
    must(await chair.call("vote:totals", { meetingId, motionId: result.motionId, kind: "totals", yes: 6, no: 3, abstain: 1 }), "totals");
    must(await chair.call("vote:close", { meetingId, motionId: result.motionId }), "close");
    must(await chair.call("vote:announce", { meetingId, motionId: result.motionId }), "announce");
    const after = await chairView(meetingId);
    const announced = after.motion?.result;
    expect(announced).toMatchObject({ passed: false, yesRequired: 10 });
    // The form is back for a further vote on the item, with the item's rule.
    expect(after.nextVote?.rules.map((r) => [r.matterKind, r.yesRequired])).toEqual([["land-contract-outsider", 10]]);
    expect(announced?.explanation["zh-CN"]).toContain("同意6票，未达到应到人数（15人）的三分之二（10票），未通过");
  }, 120_000);

  it("without a linked matter the chair must choose; a kind for another body is refused; the choice is shown", async () => {
    const meetingId = await meetingOf("villager-representatives", [{ title: "村道硬底化" }]);
    must(await chair.call("meeting:startItem", { meetingId }), "start item");
    const none = await chair.call("vote:open", { meetingId, text: "同意村道硬底化", method: "hands_totals" });
    expect(none).toMatchObject({ ok: false, error: { code: "invalid_input", field: "matterKind" } });
    const foreign = await chair.call("vote:open", { meetingId, text: "同意修改章程", method: "hands_totals", matterKind: "charter" });
    expect(foreign).toMatchObject({
      ok: false,
      error: { code: "invalid_input", field: "matterKind", details: { bodyKind: "villager-representatives", matterKind: "charter" } },
    });
    const forged = await chair.call("vote:open", { meetingId, text: "x", method: "hands_totals", matterKind: "no-such-kind" });
    expect(forged).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect((await chairView(meetingId)).motion).toBeNull();
    must(await chair.call("vote:open", { meetingId, text: "同意村道硬底化", method: "hands_totals", matterKind: "general" }), "open");
    const rule = (await chairView(meetingId)).motion?.rule;
    expect(rule).toMatchObject({ matterKind: "general", kindSource: "chair", yesRequired: 6 });
  }, 120_000);
});
