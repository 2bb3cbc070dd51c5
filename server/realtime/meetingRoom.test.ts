import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { demoPhone, demoPhones } from "../testing/builders";
import { login } from "../testing/http";
import { clientId, type LiveClient, liveClient } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";

type View = {
  version: number;
  audience: string;
  meeting: { state: string };
  agenda: { id: string; isCurrent: boolean }[];
  attendance: { present: number; expected: number; quorum: { met: boolean; required: number; explanation: Record<string, string> } };
  roster?: { personId: string; name: string; status: string }[];
  speakers: { current: { name: string } | null; queue: { name: string }[] };
  motion: {
    id: string;
    state: string;
    castCount: number;
    entitledCount: number;
    notVoted?: string[];
    result?: { passed: boolean; yesRequired: number; tally: { yes: number; no: number; abstain: number } };
  } | null;
};
type Joined = { view: View; me: { personId: string; ballots: { motionId: string; hasVoted: boolean; choice: string | null }[] } | null };

describe("a live meeting over sockets", () => {
  let server: TestServer;
  let meetingId: string;
  let chair: LiveClient;
  let members: LiveClient[];
  let memberIds: string[];
  let observer: LiveClient;

  beforeAll(async () => {
    server = await startServer();
    const chairCookie = (await login(server.url, demoPhone("chair"), DEMO_PASSWORD)) ?? "";
    const meetings = await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: chairCookie } })).json();
    meetingId = meetings.data[0].id;
    chair = await liveClient(server.url, chairCookie);
    members = [];
    memberIds = [];
    for (const phone of demoPhones("member")) {
      const member = await liveClient(server.url, (await login(server.url, phone, DEMO_PASSWORD)) ?? "");
      const joined = await member.call<Joined>("meeting:join", { meetingId });
      if (!joined.ok) throw new Error(joined.error.message);
      members.push(member);
      memberIds.push(joined.data.me?.personId ?? "");
    }
    observer = await liveClient(server.url);
  });

  afterAll(async () => {
    for (const client of [chair, observer, ...(members ?? [])]) client?.close();
    await server?.cleanup();
  });

  it("joins with a snapshot and a version; the chair sees the roster, the public does not", async () => {
    const joined = await chair.call<Joined>("meeting:join", { meetingId });
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    expect(joined.data.view.audience).toBe("chair");
    expect(joined.data.view.roster).toHaveLength(15);
    expect(joined.data.view.attendance.quorum).toMatchObject({ met: false, required: 10 });
    const watched = await observer.call<Joined>("meeting:join", { meetingId });
    expect(watched.ok && watched.data.view.audience).toBe("public");
    expect(watched.ok && watched.data.view.roster).toBeUndefined();
  });

  it("refuses commands from people without the role, and anonymous ones", async () => {
    expect(await members[0]?.call("meeting:open", { meetingId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await observer.call("meeting:checkIn", { meetingId })).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await chair.call("meeting:open", { meetingId, extra: 1 })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await chair.call("vote:open", { meetingId, text: "x", method: "named", matterKind: "general" })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("counts check-ins until the quorum panel turns green, broadcasting each change", async () => {
    expect((await chair.call("meeting:open", { meetingId })).ok).toBe(true);
    for (const member of members) expect(await member.call("meeting:checkIn", { meetingId })).toMatchObject({ ok: true });
    const joined = await chair.call<Joined>("meeting:join", { meetingId });
    if (!joined.ok) throw new Error("join");
    const absent = (joined.data.view.roster ?? []).filter((m) => m.status === "absent");
    // Three checked in on their phones; the chair marks seven more present: 10 of 15 is exactly two thirds (VCOL 26).
    for (const m of absent.slice(0, 6)) {
      expect(await chair.call("meeting:attendance", { meetingId, personId: m.personId, status: "present_in_person" })).toMatchObject({ ok: true });
    }
    const short = await observer.waitForState((s) => (s as unknown as View).attendance.present === 9);
    expect((short as unknown as View).attendance.quorum.met).toBe(false);
    expect((short as unknown as View).attendance.quorum.explanation["zh-CN"]).toContain("不足法定到会数（10人）");
    await chair.call("meeting:attendance", { meetingId, personId: absent[6]?.personId, status: "present_in_person" });
    const green = await observer.waitForState((s) => (s as unknown as View).attendance.quorum.met);
    expect((green as unknown as View).attendance.present).toBe(10);
    const versions = observer.states.map((s) => s.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it("refuses a proxy at a representatives' meeting (RULES §3)", async () => {
    const joined = await chair.call<Joined>("meeting:join", { meetingId });
    if (!joined.ok) throw new Error("join");
    const absent = (joined.data.view.roster ?? []).find((m) => m.status === "absent");
    const refused = await chair.call("meeting:attendance", {
      meetingId,
      personId: absent?.personId,
      status: "proxy",
      proxyHolderId: memberIds[0],
      authorizationNote: "委托书",
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("runs speakers, a recusal and a named vote with changes, duplicates and a close", async () => {
    expect(await chair.call("meeting:startItem", { meetingId })).toMatchObject({ ok: true });
    const [first, second, third] = members as [LiveClient, LiveClient, LiveClient];
    expect(await first.call("meeting:floor", { meetingId })).toMatchObject({ ok: true });
    expect(await chair.call("meeting:grant", { meetingId, action: "grant", personId: memberIds[0] })).toMatchObject({ ok: true });
    await observer.waitForState((s) => (s as unknown as View).speakers.current?.name === "黄锦华");
    expect(await chair.call("meeting:grant", { meetingId, action: "finish" })).toMatchObject({ ok: true });

    const view = ((await chair.call<Joined>("meeting:join", { meetingId })) as { data: Joined }).data.view;
    const itemId = view.agenda.find((i) => i.isCurrent)?.id;
    expect(await third.call("meeting:recuse", { meetingId, itemId, reason: "本人承包了鱼塘" })).toMatchObject({ ok: true });
    const opened = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "同意村道硬底化工程实施方案",
      method: "named",
      matterKind: "general",
    });
    expect(opened.ok).toBe(true);
    const motionId = opened.ok ? opened.data.result.motionId : "";

    expect(await third.call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientId() })).toMatchObject({
      ok: false,
      error: { code: "recused" },
    });
    // A recusal that arrives after the vote opened is refused in its own words (not "the vote has closed") and the
    // member stays among the frozen voters, with their vote still to cast.
    expect(await second.call("meeting:recuse", { meetingId, itemId, reason: "本人是承包方的亲属" })).toMatchObject({
      ok: false,
      error: { code: "recusal_too_late", details: { motionId, motionState: "open" } },
    });
    const secondMe = await second.call<Joined["me"]>("meeting:me", { meetingId });
    expect(secondMe.ok && secondMe.data?.ballots.some((b) => b.motionId === motionId && !b.hasVoted)).toBe(true);
    const id = clientId();
    const [a, b] = await Promise.all([
      first.call("vote:cast", { meetingId, motionId, choice: "no", clientId: id }),
      first.call("vote:cast", { meetingId, motionId, choice: "no", clientId: id }),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    expect(await first.call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientId() })).toMatchObject({
      ok: true,
      data: { result: { recorded: "changed" } },
    });
    expect(await second.call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientId() })).toMatchObject({ ok: true });
    const progress = await chair.waitForState((s) => (s as unknown as View).motion?.castCount === 2);
    expect((progress as unknown as View).motion?.entitledCount).toBe(9);
    expect((progress as unknown as View).motion?.notVoted).toHaveLength(7);

    const [close1, close2] = await Promise.all([chair.call("vote:close", { meetingId, motionId }), chair.call("vote:close", { meetingId, motionId })]);
    expect(close1.ok && close2.ok).toBe(true);
    // Every close returns the same tally (the meeting's version may differ: the second close may read it after the first).
    type Closed = { data: { result: { result: unknown } } };
    expect((close1 as Closed).data.result.result).toEqual((close2 as Closed).data.result.result);
    expect(await second.call("vote:cast", { meetingId, motionId, choice: "no", clientId: clientId() })).toMatchObject({
      ok: false,
      error: { code: "vote_closed" },
    });

    // 2 yes of 10 present: not passed (needs a majority of those present, 6).
    const closed = (close1 as { data: { result: { result: { passed: boolean; yesRequired: number; tally: { yes: number } } } } }).data.result.result;
    expect(closed).toMatchObject({ passed: false, yesRequired: 6, tally: { yes: 2 } });
    const beforeAnnounce = observer.states.at(-1) as unknown as View;
    expect(beforeAnnounce.motion?.result).toBeUndefined();
    expect(await chair.call("vote:announce", { meetingId, motionId })).toMatchObject({ ok: true });
    const announced = await observer.waitForState((s) => (s as unknown as View).motion?.state === "announced");
    expect((announced as unknown as View).motion?.result?.passed).toBe(false);
  });

  it("resyncs a member who reconnects in the middle of a vote", async () => {
    const opened = await chair.call<{ result: { motionId: string } }>("vote:open", { meetingId, text: "第二次表决", method: "secret", matterKind: "general" });
    const motionId = opened.ok ? opened.data.result.motionId : "";
    const phone = members[1] as LiveClient;
    phone.socket.disconnect();
    expect(await (members[0] as LiveClient).call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientId() })).toMatchObject({ ok: true });
    phone.socket.connect();
    await new Promise<void>((resolve) => phone.socket.once("connect", () => resolve()));
    const rejoined = await phone.call<Joined>("meeting:join", { meetingId });
    expect(rejoined.ok && rejoined.data.view.motion).toMatchObject({ id: motionId, state: "open", castCount: 1 });
    const cast = await phone.call<{ result: { tracker: string } }>("vote:cast", { meetingId, motionId, choice: "no", clientId: clientId() });
    expect(cast.ok && cast.data.result.tracker).toMatch(/^[0-9A-Z]{4}-/);
    expect(await phone.call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientId() })).toMatchObject({
      ok: false,
      error: { code: "already_voted" },
    });
    const closed = await chair.call<{ result: { result: { trackers: string[]; tally: { yes: number; no: number } } } }>("vote:close", { meetingId, motionId });
    expect(closed.ok && closed.data.result.result.tally).toMatchObject({ yes: 1, no: 1 });
    expect(closed.ok && closed.data.result.result.trackers).toContain(cast.ok ? cast.data.result.tracker : "");
    await chair.call("vote:announce", { meetingId, motionId });
  });

  it("fails a two-thirds-of-all vote by one (land contracted to outsiders, RLCL 52)", async () => {
    const opened = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "鱼塘发包给本村以外的承包人",
      method: "hands_named",
      matterKind: "land-contract-outsider",
    });
    expect(opened.ok).toBe(true);
    const motionId = opened.ok ? opened.data.result.motionId : "";
    const view = ((await chair.call<Joined>("meeting:join", { meetingId })) as { data: Joined }).data.view;
    const present = (view.roster ?? []).filter((m) => m.status !== "absent" && m.personId !== memberIds[2]);
    // 9 entitled (10 present, one recused): all 9 say yes; ⅔ of ALL 15 members is 10.
    const votes = present.map((m) => ({ voterPersonId: m.personId, choice: "yes" }));
    expect(await chair.call("vote:totals", { meetingId, motionId, kind: "hands_named", votes })).toMatchObject({ ok: true });
    const closed = await chair.call<{ result: { result: { passed: boolean; yesRequired: number; tally: { yes: number } } } }>("vote:close", {
      meetingId,
      motionId,
    });
    expect(closed.ok && closed.data.result.result).toMatchObject({ passed: false, yesRequired: 10, tally: { yes: 9 } });
  });

  it("ships a finished demo meeting: one motion passed, one failed a single vote short of ⅔ of all", async () => {
    const cookie = (await login(server.url, demoPhone("chair"), DEMO_PASSWORD)) ?? "";
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).json()).data as {
      id: string;
      number: string;
      state: string;
    }[];
    const finished = meetings.find((m) => m.number === "2026年第2次");
    expect(finished?.state).toBe("archived");
    const joined = await observer.call<{ view: { announced: { passed: boolean; tally: { yes: number } }[] } }>("meeting:join", { meetingId: finished?.id });
    expect(joined.ok && joined.data.view.announced.map((m) => [m.passed, m.tally.yes])).toEqual([
      [true, 10],
      [false, 9],
    ]);
  });

  it("refuses every chair-only event to a member, and every member event to an anonymous socket", async () => {
    const member = members[0] as LiveClient;
    const chairOnly: [string, Record<string, unknown>][] = [
      ["meeting:open", {}],
      ["meeting:attendance", { personId: memberIds[1], status: "absent" }],
      ["meeting:nonVoting", { name: "镇干部" }],
      ["meeting:startItem", {}],
      ["meeting:grant", { action: "finish" }],
      ["meeting:adjourn", {}],
      ["vote:open", { text: "x", method: "named", matterKind: "general" }],
      ["vote:close", { motionId: "x" }],
      ["vote:announce", { motionId: "x" }],
    ];
    for (const [event, payload] of chairOnly) {
      const reply = await member.call(event, { meetingId, ...payload });
      expect(reply.ok ? "ok" : reply.error.code, event).toMatch(/^(forbidden|not_found)$/);
    }
    for (const event of ["meeting:checkIn", "meeting:floor", "meeting:recuse", "vote:cast", "vote:totals", "meeting:me"]) {
      const reply = await observer.call(event, {
        meetingId,
        itemId: "x",
        reason: "xx",
        motionId: "x",
        choice: "yes",
        clientId: "c".repeat(10),
        kind: "confirm",
      });
      expect(reply.ok ? "ok" : reply.error.code, event).toMatch(/^(unauthenticated|invalid_input)$/);
    }
  });

  it("counts a show of hands by totals, and paper ballots only once a scrutineer confirms the counters' totals", async () => {
    // The ⅔ vote above was closed but not yet announced: a new vote opens only after the announcement.
    const before = ((await chair.call<Joined>("meeting:join", { meetingId })) as { data: Joined }).data.view;
    if (before.motion?.state === "closed") await chair.call("vote:announce", { meetingId, motionId: before.motion.id });
    const hands = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "举手表决（只计总数）",
      method: "hands_totals",
      matterKind: "general",
    });
    const handsId = hands.ok ? hands.data.result.motionId : "";
    expect(await chair.call("vote:totals", { meetingId, motionId: handsId, kind: "totals", yes: 8, no: 1, abstain: 2 })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", field: "total" },
    });
    expect(await chair.call("vote:totals", { meetingId, motionId: handsId, kind: "totals", yes: 7, no: 1, abstain: 1 })).toMatchObject({ ok: true });
    const handsClosed = await chair.call<{ result: { result: { passed: boolean; tally: { yes: number } } } }>("vote:close", { meetingId, motionId: handsId });
    expect(handsClosed.ok && handsClosed.data.result.result).toMatchObject({ passed: true, tally: { yes: 7 } });
    await chair.call("vote:announce", { meetingId, motionId: handsId });

    const [counter, scrutineer] = [memberIds[0], memberIds[1]];
    const paper = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "纸质选票",
      method: "paper",
      counters: [counter],
      scrutineers: [scrutineer],
      matterKind: "general",
    });
    const paperId = paper.ok ? paper.data.result.motionId : "";
    expect(await (members[1] as LiveClient).call("vote:totals", { meetingId, motionId: paperId, kind: "totals", yes: 5, no: 3, abstain: 1 })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await (members[0] as LiveClient).call("vote:totals", { meetingId, motionId: paperId, kind: "totals", yes: 5, no: 3, abstain: 1 })).toMatchObject({
      ok: true,
    });
    expect(await chair.call("vote:close", { meetingId, motionId: paperId })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await (members[0] as LiveClient).call("vote:totals", { meetingId, motionId: paperId, kind: "confirm" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await (members[1] as LiveClient).call("vote:totals", { meetingId, motionId: paperId, kind: "confirm" })).toMatchObject({ ok: true });
    const paperClosed = await chair.call<{ result: { result: { passed: boolean; tally: { yes: number; no: number } } } }>("vote:close", {
      meetingId,
      motionId: paperId,
    });
    expect(paperClosed.ok && paperClosed.data.result.result.tally).toMatchObject({ yes: 5, no: 3 });
  });
});
