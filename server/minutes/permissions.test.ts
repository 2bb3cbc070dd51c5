import { describe, expect, it } from "vitest";
import { type CapabilityInput, minutesCapabilities } from "./permissions";

const base: CapabilityInput = {
  isPublic: false,
  meetingState: "in_session",
  bodyRoles: [],
  orgRoles: [],
  isOrgPerson: false,
  membersEditMinutes: false,
  latest: null,
  isRequiredSigner: false,
  hasSignedLatest: false,
};

describe("who may do what with the minutes", () => {
  it("lets the recorder and the chair edit, members only where the charter says so", () => {
    expect(minutesCapabilities({ ...base, bodyRoles: ["recorder"] }).canEdit).toBe(true);
    expect(minutesCapabilities({ ...base, bodyRoles: ["chair", "member"] }).canEdit).toBe(true);
    expect(minutesCapabilities({ ...base, bodyRoles: ["member"] })).toMatchObject({ canRead: true, canEdit: false });
    expect(minutesCapabilities({ ...base, bodyRoles: ["member"], membersEditMinutes: true }).canEdit).toBe(true);
  });

  it("lets supervisors read but never edit, and the public read only public meetings", () => {
    expect(minutesCapabilities({ ...base, orgRoles: ["supervisor"] })).toMatchObject({ canRead: true, canEdit: false, canSign: false });
    expect(minutesCapabilities(base).canRead).toBe(false);
    expect(minutesCapabilities({ ...base, isPublic: true })).toMatchObject({ canRead: true, canEdit: false });
  });

  it("lets only the recorder finalize, once the meeting has adjourned", () => {
    expect(minutesCapabilities({ ...base, bodyRoles: ["recorder"] }).canFinalize).toBe(false);
    expect(minutesCapabilities({ ...base, bodyRoles: ["recorder"], meetingState: "adjourned" }).canFinalize).toBe(true);
    expect(minutesCapabilities({ ...base, bodyRoles: ["chair"], meetingState: "adjourned" }).canFinalize).toBe(false);
  });

  it("freezes the text while a version is being signed, then lets only officers prepare a correction", () => {
    const signing = { ...base, meetingState: "adjourned", membersEditMinutes: true, latest: { isComplete: false } };
    expect(minutesCapabilities({ ...signing, bodyRoles: ["recorder"] })).toMatchObject({ canEdit: false, canCorrect: false, canRecordSignatures: true });
    expect(minutesCapabilities({ ...signing, bodyRoles: ["chair"] }).canRecordSignatures).toBe(false);
    expect(minutesCapabilities({ ...signing, bodyRoles: ["member"], isRequiredSigner: true })).toMatchObject({ canSign: true });
    expect(minutesCapabilities({ ...signing, bodyRoles: ["member"], isRequiredSigner: true, hasSignedLatest: true }).canSign).toBe(false);
    const signed = { ...signing, meetingState: "archived", latest: { isComplete: true } };
    expect(minutesCapabilities({ ...signed, bodyRoles: ["recorder"] })).toMatchObject({
      canEdit: true,
      canCorrect: true,
      canSign: false,
      canRecordSignatures: false,
    });
    expect(minutesCapabilities({ ...signed, bodyRoles: ["member"] }).canEdit).toBe(false);
  });
});
