/**
 * The recorded facts alerts are computed from, as the alerts query loads them (server/queries/alerts.ts): only the
 * rows that can raise an alert, never every matter of a village. Plain data; dates are instants.
 */
import type { BodyKind } from "../rules";

/** A procedure warning as the meeting recorded it (server/commands/live/procedureWarnings.ts). */
export type RecordedWarning = {
  code: string;
  legalBasis: string;
  message: { "zh-CN": string; en: string };
  at: string;
  itemId?: string;
  motionId?: string;
};

export type MeetingRef = { id: string; number: string; title: string; bodyName: string };

/** A meeting that recorded procedure warnings, or that adjourned (minutes, checkpoint), or that is coming up. */
export type MeetingFact = MeetingRef & {
  bodyKind: BodyKind;
  state: string;
  startsAt: Date;
  openedAt: Date | null;
  adjournedAt: Date | null;
  warnings: RecordedWarning[];
  /** The highest audit sequence number of the meeting's entries; null when it has none. */
  lastAuditSeq: number | null;
  /** Upcoming meetings: the first successful delivery of the notice (issue #22), else the notice date typed. */
  noticeGivenAt: Date | null;
  /** Days of notice the body's charter asks for, where it sets any. */
  charterNoticeDays?: number;
};

/** An announced or closed vote whose recorded result says the quorum was not met. */
export type QuorumFact = {
  meeting: MeetingRef;
  motionId: string;
  text: string;
  closedAt: Date;
  present: number | null;
  quorumRequired: number | null;
  /** As the result recorded them at close. */
  explanation: { "zh-CN": string; en: string };
  legalBasis: string[];
};

export type MatterRef = { id: string; title: string };

/** A matter's passed decision vote (the latest), and when its decision notice was first posted. */
export type DecisionFact = { matter: MatterRef; motionId: string; decidedAt: Date; noticeId: string | null; noticePostedAt: Date | null };

/** A 公示 that is current (not superseded), with the moment the matter moved past its stage, if it did before the end. */
export type NoticeFact = {
  matter: MatterRef;
  noticeId: string;
  kind: "decision" | "result";
  title: string;
  postedAt: Date;
  periodDays: number;
  endsAt: Date;
  /** The first move of the matter out of the notice's stage (S5 → S6 for a decision notice), if any. */
  movedOnAt: Date | null;
};

export type ObjectionFact = { matter: MatterRef; noticeId: string; objectionId: string; createdAt: Date; noticeEndsAt: Date };

/** A recorded stage move of a matter that went forward by more than one step. */
export type StageJumpFact = { matter: MatterRef; from: string; to: string; at: Date; reason: string | null; meetingId: string | null; motionId: string | null };

/** A matter in implementation (or closed) with no implementation result disclosed. */
export type ImplementationFact = { matter: MatterRef; stage: string; implementationSince: Date | null };

/** Recusals or proxy votes of one household's members within the window, with the latest meeting. */
export type HouseholdFact = {
  householdId: string;
  householdNumber: string;
  kind: "recusal" | "proxy";
  count: number;
  meetings: number;
  latestMeetingId: string;
  latestAt: Date;
};

/** One tree of a log as a checkpoint states it. */
export type TreeHead = { size: number; rootHash: string };

/**
 * The township's witness refused a checkpoint of this organization's log as inconsistent with one it had cosigned
 * (issue #21): the server showed two different histories (a split view). From the witness's own evidence store.
 */
export type SplitViewFact = {
  /** The witness: the township's name. */
  witness: string;
  /** The tree the witness had cosigned, and when it cosigned it (its cosignature's timestamp, if readable). */
  cosigned: TreeHead & { at: Date | null };
  /** The tree the village server then submitted, and when. */
  submitted: TreeHead & { at: Date };
  /** The consistency proof sent with it: from which size, and how many hashes. */
  proof: { fromSize: number; hashes: number };
  /** The witness's own words. */
  reason: string;
  /** How many such refusals the witness kept for this log. */
  refusals: number;
};

/** One use of an implementation photo, as the township's photo index holds it (no image, no file name). */
export type PhotoUse = { fileId: string; orgId: string; orgName: string; matterId: string; matterTitle: string; uploadedAt: Date };

/**
 * A photo uploaded by one organization that is near-identical to one another organization of the same township had
 * already used (issue #23): `later` repeats `earlier`. Both organizations get the alert.
 */
export type PhotoReuseFact = { later: PhotoUse; earlier: PhotoUse; distance: number };

export type AlertFacts = {
  orgId: string;
  meetings: MeetingFact[];
  quorum: QuorumFact[];
  decisions: DecisionFact[];
  notices: NoticeFact[];
  objections: ObjectionFact[];
  stageJumps: StageJumpFact[];
  implementations: ImplementationFact[];
  households: HouseholdFact[];
  /** The size of the organization's latest checkpoint (0 when none). */
  checkpointSize: number;
  /** The latest split view the township's witness caught, if any (absent: no in-deployment witness). */
  splitView?: SplitViewFact | null;
  /** Near-identical photos shared with another organization of the township, this one's use first or second. */
  photoReuses?: PhotoReuseFact[];
  /**
   * The earliest later moment at which the loaded facts themselves change with time alone (a recusal leaving the
   * pattern window, a scheduled meeting entering the look-ahead window), as the loader knows it; absent: none.
   */
  changesAt?: Date | null;
};
