import { describe, expect, it } from "vitest";
import { missingSigners, requiredSigners } from "./signers";

describe("who signs the minutes off", () => {
  const facts = {
    chair: { personId: "c", name: "陈国强" },
    recorder: { personId: "r", name: "梁丽娟" },
    attendance: [
      { personId: "c", status: "present_in_person" },
      { personId: "a", status: "present_online" },
      { personId: "b", status: "proxy" },
      { personId: "d", status: "absent" },
    ],
    names: { a: "黄锦华", b: "李永康", d: "何耀祖" },
  };

  it("is the chair, the recorder (even if absent) and each attendee in person or online, once each", () => {
    expect(requiredSigners(facts)).toEqual([
      { personId: "c", name: "陈国强", role: "chair" },
      { personId: "r", name: "梁丽娟", role: "recorder" },
      { personId: "a", name: "黄锦华", role: "attendee" },
    ]);
  });

  it("lists who has not signed yet", () => {
    expect(missingSigners(requiredSigners(facts), new Set(["c", "a"])).map((s) => s.name)).toEqual(["梁丽娟"]);
  });
});
