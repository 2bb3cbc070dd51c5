/**
 * Who may do what with a meeting's minutes (DESIGN.md §4, issue #7): the recorder and the chair edit; members edit
 * where the body's charter sets `membersEditMinutes`; observers (public meetings) and supervisors read live. The
 * recorder finalizes and corrects. Pure: roles and state in, capabilities out; every socket event and command
 * asks here.
 */
import type { BodyRoleName, OrgRoleName } from "../auth/permissions";

export type MinutesCapabilities = {
  canRead: boolean;
  canEdit: boolean;
  canFinalize: boolean;
  canCorrect: boolean;
  canSign: boolean;
  /** The recorder records paper and assisted (代书) signatures of a version still being signed. */
  canRecordSignatures: boolean;
};

export type CapabilityInput = {
  isPublic: boolean;
  meetingState: string;
  bodyRoles: readonly BodyRoleName[];
  orgRoles: readonly OrgRoleName[];
  /** A person registered in the meeting's organization (a villager, a cooperative member) reads its minutes. */
  isOrgPerson: boolean;
  /** A township reviewer recorded as 列席 at this meeting (issue #20) reads its minutes and signs as a witness. */
  isTownshipAttendee?: boolean;
  membersEditMinutes: boolean;
  /** The latest finalized version, or null before finalizing. */
  latest: { isComplete: boolean } | null;
  isRequiredSigner: boolean;
  hasSignedLatest: boolean;
};

export function minutesCapabilities(input: CapabilityInput): MinutesCapabilities {
  const isOfficer = input.bodyRoles.includes("chair") || input.bodyRoles.includes("recorder");
  const isRecorder = input.bodyRoles.includes("recorder");
  const canRead = input.isPublic || input.isOrgPerson || input.bodyRoles.length > 0 || input.orgRoles.length > 0 || input.isTownshipAttendee === true;
  const isWriter = isOfficer || (input.bodyRoles.includes("member") && input.membersEditMinutes);
  // While a finalized version waits for signatures the text stands still, so that everyone signs what they read.
  // After sign-off only the officers may prepare a correction, which becomes a new version with a reason.
  const isOpen = input.meetingState !== "draft" && (input.latest === null || input.latest.isComplete);
  const canEdit = canRead && isOpen && (input.latest === null ? isWriter : isOfficer);
  return {
    canRead,
    canEdit,
    canFinalize: isRecorder && input.latest === null && input.meetingState === "adjourned",
    canCorrect: isRecorder && input.latest?.isComplete === true,
    canSign: input.latest !== null && !input.latest.isComplete && input.isRequiredSigner && !input.hasSignedLatest,
    canRecordSignatures: isRecorder && input.latest !== null && !input.latest.isComplete,
  };
}
