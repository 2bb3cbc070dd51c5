import { describe, expect, it } from "vitest";
import { petitionProgress } from "./petition";

const progress = (counts: { villagers: number; representatives: number; signed: number; signedRepresentatives: number }, key: string) =>
  petitionProgress(counts).find((p) => p.key === key);

describe("co-signature thresholds (VCOL 2025 arts. 25, 30)", () => {
  it.each([
    // 十分之一以上 of 1200 villagers = 120: exactly the threshold reaches it, one short does not.
    { key: "villagers-tenth", villagers: 1200, representatives: 45, signed: 120, reps: 0, needed: 120, reached: true },
    { key: "villagers-tenth", villagers: 1200, representatives: 45, signed: 119, reps: 0, needed: 120, reached: false },
    // 1201 villagers: ⌈120.1⌉ = 121.
    { key: "villagers-tenth", villagers: 1201, representatives: 45, signed: 120, reps: 0, needed: 121, reached: false },
    // 三分之一以上 of 45 representatives = 15.
    { key: "representatives-third", villagers: 1200, representatives: 45, signed: 15, reps: 15, needed: 15, reached: true },
    { key: "representatives-third", villagers: 1200, representatives: 45, signed: 14, reps: 14, needed: 15, reached: false },
    // 五分之一以上 of 46 representatives = ⌈9.2⌉ = 10.
    { key: "representatives-fifth", villagers: 1200, representatives: 46, signed: 10, reps: 10, needed: 10, reached: true },
    { key: "representatives-fifth", villagers: 1200, representatives: 46, signed: 9, reps: 9, needed: 10, reached: false },
  ])(
    "$key: $signed of $villagers villagers / $reps of $representatives representatives → needs $needed, reached $reached",
    ({ key, villagers, representatives, signed, reps, needed, reached }) => {
      expect(progress({ villagers, representatives, signed, signedRepresentatives: reps }, key)).toMatchObject({ needed, reached });
    },
  );

  it("counts only representatives toward the representatives' thresholds, and shows progress in words", () => {
    const p = progress({ villagers: 1200, representatives: 45, signed: 87, signedRepresentatives: 3 }, "villagers-tenth");
    expect(p?.words["zh-CN"]).toBe("已联名 87 人 / 需 1/10 村民 = 120 人（十分之一以上的村民提议召集村民会议）");
    expect(progress({ villagers: 1200, representatives: 45, signed: 87, signedRepresentatives: 3 }, "representatives-fifth")).toMatchObject({
      signed: 3,
      needed: 9,
      reached: false,
    });
  });
});
