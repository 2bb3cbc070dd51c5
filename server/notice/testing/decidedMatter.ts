/**
 * For integration and end-to-end tests: a matter of the demo village decided at a real meeting, made through the
 * app's own HTTP endpoints and sockets as the admin and the chair would — raise the matter, schedule a meeting with
 * it on the agenda, hold the vote (a show of hands, totals 10/1/1 of 12 present), adjourn, and record the vote on
 * the matter (S0 → S4, earlier stages on paper). Publishing is left to the test.
 */
import { liveClient, type Reply } from "../../testing/liveClient";

export type DecidedMatter = { orgId: string; matterId: string; meetingId: string; motionId: string; title: string };

type Json = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

async function call(url: string, cookie: string, method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  if (!json.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.error)}`);
  return json.data;
}

function must<T>(reply: Reply<T>, what: string): T {
  if (!reply.ok) throw new Error(`${what}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

export async function decidedMatter(url: string, cookies: { admin: string; chair: string }, title: string): Promise<DecidedMatter> {
  const orgs = (await call(url, cookies.admin, "GET", "/api/orgs")) as { id: string; name: string }[];
  const orgId = orgs.find((o) => o.name === "平洲村（演示）")?.id;
  if (!orgId) throw new Error("demo village not found");
  const bodiesPage = await (await fetch(`${url}/admin/orgs/${orgId}/bodies`, { headers: { cookie: cookies.admin } })).text();
  const bodyId = /href="\/admin\/bodies\/([^"/?#]+)"[^>]*>\s*平洲村村民代表会议\s*</.exec(bodiesPage)?.[1];
  if (!bodyId) throw new Error("demo body not found");
  const { id: matterId } = (await call(url, cookies.admin, "POST", "/api/admin/matters", { orgId, title, source: "villagers", kind: "general" })) as {
    id: string;
  };
  const { id: meetingId } = (await call(url, cookies.admin, "POST", "/api/admin/meetings", {
    bodyId,
    number: `公示测试${Date.now().toString(36)}`,
    title: "村民代表会议",
    startsAt: new Date().toISOString(),
    place: "村委会",
    agenda: [{ title, matterId }],
  })) as { id: string };

  const chair = await liveClient(url, cookies.chair);
  try {
    must(await chair.call("meeting:open", { meetingId }), "open");
    const joined = must(await chair.call<{ view: { roster?: { personId: string }[] } }>("meeting:join", { meetingId }), "join");
    for (const member of (joined.view.roster ?? []).slice(0, 12)) {
      must(await chair.call("meeting:attendance", { meetingId, personId: member.personId, status: "present_in_person" }), "attendance");
    }
    must(await chair.call("meeting:startItem", { meetingId }), "start item");
    const opened = must(
      await chair.call<{ result: { motionId: string } }>("vote:open", { meetingId, text: `同意${title}`, method: "hands_totals", matterKind: "general" }),
      "open vote",
    );
    const motionId = opened.result.motionId;
    must(await chair.call("vote:totals", { meetingId, motionId, kind: "totals", yes: 10, no: 1, abstain: 1 }), "totals");
    must(await chair.call("vote:close", { meetingId, motionId }), "close");
    must(await chair.call("vote:announce", { meetingId, motionId }), "announce");
    must(await chair.call("meeting:adjourn", { meetingId }), "adjourn");
    await call(url, cookies.admin, "POST", "/api/notices/link-decision", { matterId, motionId, reason: "提议、商议、审议已按纸质记录完成" });
    return { orgId, matterId, meetingId, motionId, title };
  } finally {
    chair.close();
  }
}
