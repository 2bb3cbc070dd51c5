/**
 * The demo village (演示村): a 村 with one 经济社, 10 households and 30 people, a 村民代表会议 and a 成员代表大会
 * with rosters, officers, an admin and a supervisor. Everything goes through the same commands the app uses, so the
 * demo's audit log is a real one.
 */
import { checkpointAllOrgs } from "../server/audit/checkpointer";
import { SYSTEM } from "../server/commands/actor";
import { createBody } from "../server/commands/body/createBody";
import { setOfficers } from "../server/commands/body/setOfficers";
import { setRoster } from "../server/commands/body/setRoster";
import { scheduleMeeting } from "../server/commands/meeting/scheduleMeeting";
import { createAccount } from "../server/commands/org/createAccount";
import { createHousehold } from "../server/commands/org/createHousehold";
import { createOrganization } from "../server/commands/org/createOrganization";
import { createPerson } from "../server/commands/org/createPerson";
import { createVillage } from "../server/commands/township/createVillage";
import { currentDb } from "../server/db";
import { withQuietInfo } from "../server/ops/logger";
import { chinaDateInput } from "../server/time";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demoAccounts";
import { seedFinishedMeeting, seedFinishedMinutes, seedNextMeeting } from "./demoMeeting";
import { type DemoNotices, seedDemoNotice } from "./demoNotice";
import { seedTownship, seedTownshipVillages } from "./demoTownship";

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

const SURNAMES = ["陈", "梁", "黄", "李", "何", "张", "罗", "冯", "邓", "周"];
const GIVEN = [
  ["国强", "秀英", "志明"],
  ["伟文", "丽娟", "家豪"],
  ["锦华", "美玲", "子健"],
  ["永康", "淑芬", "俊杰"],
  ["耀祖", "玉梅", "嘉欣"],
  ["汉生", "月娥", "浩然"],
  ["振东", "桂珍", "思敏"],
  ["德全", "凤英", "文轩"],
  ["炳坤", "惠芳", "晓彤"],
  ["树根", "雪梅", "宇航"],
];

export async function seedDemoIfEmpty(): Promise<boolean> {
  const { prisma } = currentDb();
  if ((await prisma.organization.count()) > 0) return false;
  await withQuietInfo(seedDemo);
  return true;
}

export async function seedDemo(): Promise<{ notices: DemoNotices }> {
  // The demo village sits in the demo township (issue #20), created by it with its first admin.
  const township = await seedTownship(DEMO_PASSWORD);
  const village = await createVillage(
    {
      townshipId: township.townshipId,
      name: "平洲村（演示）",
      noticeDays: 7,
      adminPhone: "13800000001",
      adminName: "村务管理员",
      adminPassword: DEMO_PASSWORD,
    },
    SYSTEM,
  );
  const people: { id: string; name: string }[] = [];
  for (let h = 0; h < 10; h += 1) {
    const surname = SURNAMES[h] as string;
    const household = await createHousehold({ orgId: village.id, number: `${h + 1}号户`, head: `${surname}${GIVEN[h]?.[0]}` }, SYSTEM);
    for (let p = 0; p < 3; p += 1) {
      const name = `${surname}${GIVEN[h]?.[p]}`;
      const person = await createPerson(
        {
          orgId: village.id,
          householdId: household.id,
          name,
          phone: `1390000${String(h * 3 + p + 1).padStart(4, "0")}`,
          gender: p === 1 ? "female" : "male",
          isAdult: true,
          isPartyMember: p === 0 && h < 6,
          isCoopMember: h < 8,
        },
        SYSTEM,
      );
      people.push({ id: person.id, name });
    }
  }
  const byName = (name: string) => people.find((p) => p.name === name)?.id as string;

  await createAccount({ orgId: village.id, phone: "13800000009", displayName: "周监督", password: DEMO_PASSWORD, roles: ["supervisor"] }, SYSTEM);
  for (const demo of DEMO_ACCOUNTS.filter((a) => a.role === "chair" || a.role === "recorder" || a.role === "member")) {
    await createAccount({ orgId: village.id, personId: byName(demo.name), phone: demo.phone, displayName: demo.name, password: DEMO_PASSWORD }, SYSTEM);
  }

  // 村民代表会议 (VCOL 25): villagers' committee members plus representatives; 15 seats here.
  const representatives = await createBody({ orgId: village.id, kind: "villager-representatives", name: "平洲村村民代表会议" }, SYSTEM);
  const seats = people.filter((_, index) => index % 2 === 0).slice(0, 15);
  await setRoster(
    { bodyId: representatives.id, members: seats.map((p, index) => ({ personId: p.id, seat: index < 3 ? "committee" : "representative" })) },
    SYSTEM,
  );
  await setOfficers({ bodyId: representatives.id, chairId: byName("陈国强"), recorderId: byName("梁丽娟") }, SYSTEM);

  const coop = await createOrganization({ name: "平洲村第一经济合作社（演示）", level: "cooperative", parentId: village.id }, SYSTEM);
  const coopPeople: string[] = [];
  for (const person of people.slice(0, 24)) {
    const created = await createPerson({ orgId: coop.id, name: person.name, gender: "male", isAdult: true, isCoopMember: true }, SYSTEM);
    coopPeople.push(created.id);
  }
  const memberReps = await createBody({ orgId: coop.id, kind: "member-representatives", name: "第一经济合作社成员代表大会" }, SYSTEM);
  await setRoster({ bodyId: memberReps.id, members: coopPeople.slice(0, 21).map((personId) => ({ personId, seat: "representative" })) }, SYSTEM);
  await setOfficers({ bodyId: memberReps.id, chairId: coopPeople[0] ?? null, recorderId: coopPeople[1] ?? null }, SYSTEM);

  const inThreeDays = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  inThreeDays.setUTCHours(1, 30, 0, 0); // 09:30 in Asia/Shanghai
  const noticeDate = chinaDateInput(Date.now());
  await scheduleMeeting(
    {
      bodyId: representatives.id,
      number: "2026年第3次",
      title: "村民代表会议",
      startsAt: inThreeDays.toISOString(),
      place: "村委会二楼会议室",
      noticeDate,
      agenda: [{ title: "村道硬底化工程实施方案" }, { title: "集体鱼塘发包方案" }],
    },
    SYSTEM,
  );
  await seedNextMeeting(representatives.id);
  await seedFinishedMinutes(await seedFinishedMeeting(representatives.id));
  const notices = await seedDemoNotice();
  // A second village with its own admin: an admin of another organization, who must be refused everywhere above.
  // It belongs to another township, whose staff see nothing of the demo township.
  await createVillage(
    {
      townshipId: township.otherTownshipId,
      name: "邻村（演示）",
      noticeDays: 7,
      adminPhone: "13800000021",
      adminName: "邻村管理员",
      adminPassword: DEMO_PASSWORD,
    },
    SYSTEM,
  );
  await seedTownshipVillages(township.townshipId, township.reviewerId, DEMO_PASSWORD);
  // Keep last: sign a checkpoint of each demo organization's log, so a fresh install's log is already signed.
  await checkpointAllOrgs();
  return { notices };
}
