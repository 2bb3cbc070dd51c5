// The receipt page's capability token: only the link the voter was given opens a receipt; anything else — made up,
// altered, pointing at another entry — gets the same not_found, so a wrong token tells nothing about the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditMany } from "../audit/append";
import { appendTestEntries, openTestDb, type TestDb } from "../audit/testDb";
import { AppError } from "../errors";
import { openReceiptToken, receiptPage, receiptToken } from "./receiptPage";

const ORG = "org_receipt1";
let t: TestDb;
let voteSeq = 0;

beforeAll(async () => {
  t = await openTestDb();
  await appendTestEntries(t.db, ORG, 6); // seq 0 is org.updated, seq 2 a vote.cast without a voter
  const [appended] = await t.db.prisma.$transaction((tx) =>
    appendAuditMany(tx, [
      {
        orgId: ORG,
        meetingId: "mt_gone",
        actor: { id: "p_1", role: "member", name: "黄锦华" },
        action: "vote.cast",
        object: { type: "motion", id: "mo_gone" },
        data: { voterPersonId: "p_1", castByPersonId: "p_1", choice: "yes" },
      },
    ]),
  );
  voteSeq = appended.seq;
}, 120_000);
afterAll(async () => t?.close());

async function refusal(token: string): Promise<unknown> {
  try {
    await receiptPage(token);
    return "opened";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    return { code: e.code, message: e.message, json: e.toJSON() };
  }
}

describe("receipt links", () => {
  it("round-trips the organization and seq, and refuses any change to the token", () => {
    const token = receiptToken(ORG, voteSeq);
    expect(token).toMatch(new RegExp(`^${ORG}\\.${voteSeq}\\.[A-Za-z0-9_-]{22}$`));
    expect(openReceiptToken(token)).toEqual({ orgId: ORG, seq: voteSeq });
    const mac = token.slice(-22);
    const flipped = `${token.slice(0, -22)}${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    expect(openReceiptToken(flipped)).toBeNull();
    expect(openReceiptToken(token.replace(`.${voteSeq}.`, `.${voteSeq + 1}.`))).toBeNull();
    expect(openReceiptToken(token.replace(ORG, "org_receipt2"))).toBeNull();
    expect(openReceiptToken(token.slice(0, -1))).toBeNull();
    expect(openReceiptToken(`${ORG}.${voteSeq}.${"A".repeat(22)}`)).toBeNull();
    expect(openReceiptToken("")).toBeNull();
    // Another entry's link has another MAC: knowing one link does not give the next.
    expect(receiptToken(ORG, voteSeq + 1).slice(-22)).not.toBe(mac);
  });

  it("answers every wrong token with the same not_found, revealing nothing", async () => {
    const expected = { code: "not_found", message: "no such receipt", json: new AppError("not_found", "no such receipt").toJSON() };
    const valid = receiptToken(ORG, voteSeq);
    const wrong = [
      "nonsense",
      `${valid.slice(0, -22)}${valid.slice(-22, -1)}${valid.endsWith("A") ? "B" : "A"}`, // altered MAC of a real vote
      // The same 128 bits spelled with other unused low bits in the last character: a decoder reads the same MAC.
      ...sameBytesOtherSpelling(valid),
      receiptToken(ORG, 0), // a real link shape, but org.updated: not a vote
      receiptToken(ORG, 2), // a vote.cast entry without a voter
      receiptToken(ORG, 999), // no such entry
      receiptToken("org_other", voteSeq), // no such organization
      valid, // a named vote whose motion this server does not have
    ];
    for (const token of wrong) expect([token, await refusal(token)]).toEqual([token, expected]);
  });
});

/** Every other spelling of the token's last base64url character that decodes to the same 16 bytes. */
function sameBytesOtherSpelling(token: string): string[] {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const last = alphabet.indexOf(token.at(-1) ?? "");
  const spellings = [];
  for (let low = 0; low < 16; low++) {
    const other = alphabet[(last & 0b110000) | low];
    if (other !== token.at(-1)) spellings.push(`${token.slice(0, -1)}${other}`);
  }
  return spellings;
}
