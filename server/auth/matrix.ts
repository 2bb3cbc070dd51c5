/**
 * The permission matrix (issue #9, DESIGN.md §4): every command and every socket event, how it is reached from
 * outside, and which of the eight kinds of caller may use it. Commands enforce their own checks inside their
 * transaction (server/auth/permissions.ts, server/auth/liveRoles.ts); this table is what those checks must
 * add up to, and `server/auth/matrix.test.ts` walks every row over HTTP and sockets as every role: each allowed
 * pair succeeds, each refused one fails with `forbidden` (`unauthenticated` for a caller without a session) and
 * changes nothing. `server/auth/matrixCoverage.ts` fails the build when a command, a socket event or an API route
 * has no row.
 *
 * Roles, as the test's demo accounts hold them for the meeting's body in the demo village:
 * - admin       村/社 clerk (an organization role)
 * - chair       the body's chair          - recorder  the body's recorder
 * - member      a voting member of the body (on its roster)
 * - observer    a signed-in resident of the village with no role in the body or the organization
 * - supervisor  村务监督委员会 (an organization role)
 * - anonymous   no session (the public link)
 * - otherOrg    the admin of another village: the strongest outsider
 * - townAdmin       the admin of the village's township: creates villages and their first admins, sets thresholds
 * - townReviewer    镇街工作人员 of the village's township (issue #20): pre-reviews, filing receipts
 * - townSupervisor  镇街监督 of the village's township: reads the township's pages, writes opinions, answers objections
 * - otherTown       the reviewer of another township: sees nothing of this one (cross-township isolation)
 */

export const MATRIX_ROLES = [
  "admin",
  "chair",
  "recorder",
  "member",
  "observer",
  "supervisor",
  "anonymous",
  "otherOrg",
  "townAdmin",
  "townReviewer",
  "townSupervisor",
  "otherTown",
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** `METHOD /path` as Next routes it (app/api/…/route.ts, app/login/…/route.ts), or a Socket.IO event name. */
export type Channel = { http: string } | { socket: string };

export type PermissionRow = {
  /** The command function (server/commands/**) or, for a read, `read:<what>`. */
  action: string;
  via: Channel[];
  allow: readonly MatrixRole[];
  /**
   * A refused signed-in caller gets `forbidden`, or this more specific code: a vote from a person who is not among
   * the voters frozen when it opened is `not_entitled` (HTTP 403, with words a member understands); a receipt
   * exists only for its voter, so for anyone else there is nothing to find (`not_found`).
   */
  refusal?: "not_entitled" | "not_found";
  /** Authorized by a one-time token rather than a role (QR onboarding): no role without the token gets in. */
  byToken?: true;
};

const SIGNED_IN: readonly MatrixRole[] = [
  "admin",
  "chair",
  "recorder",
  "member",
  "observer",
  "supervisor",
  "otherOrg",
  "townAdmin",
  "townReviewer",
  "townSupervisor",
  "otherTown",
];
const EVERYONE: readonly MatrixRole[] = MATRIX_ROLES;
const ADMIN: readonly MatrixRole[] = ["admin"];
const CHAIR: readonly MatrixRole[] = ["chair"];
const MEMBER: readonly MatrixRole[] = ["member"];
const SUPERVISOR: readonly MatrixRole[] = ["supervisor"];

const post = (path: string): Channel => ({ http: `POST ${path}` });
const get = (path: string): Channel => ({ http: `GET ${path}` });
const socket = (event: string): Channel => ({ socket: event });

export const PERMISSIONS: readonly PermissionRow[] = [
  // Organizations, people, bodies, accounts (issue #5): the organization's admin only.
  { action: "createOrganization", via: [post("/api/admin/orgs")], allow: ADMIN },
  { action: "updateOrganization", via: [post("/api/admin/orgs/[orgId]")], allow: ADMIN },
  { action: "createHousehold", via: [post("/api/admin/orgs/[orgId]/households")], allow: ADMIN },
  { action: "updateHousehold", via: [post("/api/admin/households/[householdId]")], allow: ADMIN },
  { action: "deleteHousehold", via: [post("/api/admin/households/[householdId]/delete")], allow: ADMIN },
  { action: "createPerson", via: [post("/api/admin/orgs/[orgId]/people")], allow: ADMIN },
  { action: "updatePerson", via: [post("/api/admin/people/[personId]")], allow: ADMIN },
  { action: "deletePerson", via: [post("/api/admin/people/[personId]/delete")], allow: ADMIN },
  { action: "importRoster", via: [post("/api/admin/orgs/[orgId]/roster-import")], allow: ADMIN },
  { action: "createAccount", via: [post("/api/admin/orgs/[orgId]/accounts")], allow: ADMIN },
  { action: "grantRole", via: [post("/api/admin/orgs/[orgId]/roles/grant")], allow: ADMIN },
  { action: "revokeRole", via: [post("/api/admin/orgs/[orgId]/roles/revoke")], allow: ADMIN },
  { action: "setAccountDisabled", via: [post("/api/orgs/[orgId]/accounts/[accountId]/disable")], allow: ADMIN },
  // A forgotten password: removed, sessions ended, one new code; the member is told (issue #17).
  { action: "resetPassword", via: [post("/api/orgs/[orgId]/accounts/[accountId]/reset-password")], allow: ADMIN },
  { action: "createBody", via: [post("/api/admin/orgs/[orgId]/bodies")], allow: ADMIN },
  { action: "setRoster", via: [post("/api/admin/bodies/[bodyId]/roster")], allow: ADMIN },
  { action: "setOfficers", via: [post("/api/admin/bodies/[bodyId]/officers")], allow: ADMIN },
  { action: "updateCharter", via: [post("/api/admin/bodies/[bodyId]/charter")], allow: ADMIN },
  { action: "issueLoginTokens", via: [post("/api/admin/bodies/[bodyId]/login-codes")], allow: ADMIN },
  { action: "read:organizationSummary", via: [get("/api/admin/orgs/[orgId]")], allow: ADMIN },
  { action: "read:registerWithPhones", via: [get("/api/admin/orgs/[orgId]/people")], allow: ADMIN },
  // A blank CSV with the column headings: nothing of anyone's.
  { action: "read:rosterTemplate", via: [get("/api/admin/roster-template")], allow: EVERYONE },

  // Meetings and matters before the meeting: the admin prepares them.
  { action: "scheduleMeeting", via: [post("/api/admin/meetings")], allow: ADMIN },
  { action: "updateMeeting", via: [post("/api/admin/meetings/[meetingId]")], allow: ADMIN },
  { action: "addAgendaItem", via: [post("/api/admin/meetings/[meetingId]/agenda")], allow: ADMIN },
  { action: "updateAgendaItem", via: [post("/api/admin/agenda/[itemId]")], allow: ADMIN },
  { action: "removeAgendaItem", via: [post("/api/admin/agenda/[itemId]/delete")], allow: ADMIN },
  { action: "uploadMaterial", via: [post("/api/admin/meetings/[meetingId]/materials")], allow: ADMIN },
  { action: "removeMaterial", via: [post("/api/admin/materials/[materialId]/delete")], allow: ADMIN },
  { action: "raiseMatter", via: [post("/api/admin/matters")], allow: ADMIN },
  { action: "moveMatter", via: [post("/api/admin/matters/[matterId]/move")], allow: ADMIN },

  // Before the meeting (issue #22): the clerk issues the notice and ticks paper receipts; members sign for it and
  // state leave or online attendance; the clerk, the chair, the recorder and supervisors see the log and forecast.
  { action: "sendMeetingNotice", via: [post("/api/meetings/[meetingId]/notice/send")], allow: ADMIN },
  { action: "recordPaperReceipts", via: [post("/api/meetings/[meetingId]/notice/paper")], allow: ADMIN },
  { action: "acknowledgeNotice", via: [post("/api/meetings/[meetingId]/notice/sign")], allow: MEMBER },
  { action: "declareAttendanceIntent", via: [post("/api/meetings/[meetingId]/intent")], allow: MEMBER },
  { action: "read:deliveryBoard", via: [get("/api/meetings/[meetingId]/delivery")], allow: ["admin", "chair", "recorder", "supervisor"] },
  // The printed notice of a public meeting is public; the 签收单 (the roster's names) is the clerk's.
  { action: "read:meetingNoticePdf (public meeting)", via: [get("/meetings/[meetingId]/notice/pdf")], allow: EVERYONE },
  { action: "read:receiptSheet", via: [get("/meetings/[meetingId]/notice/receipts")], allow: ADMIN },

  // Proposals (议题征集, issue #22): adult residents of the village raise and co-sign them; the admin answers.
  { action: "submitProposal", via: [post("/api/proposals")], allow: ["chair", "recorder", "member", "observer"] },
  { action: "coSignProposal", via: [post("/api/proposals/[proposalId]/sign")], allow: ["chair", "recorder", "member", "observer"] },
  { action: "answerProposal", via: [post("/api/proposals/[proposalId]/answer")], allow: ADMIN },
  // 联名码: the clerk issues a one-time code to a resident identified in person; the code is the credential to sign.
  { action: "issueSignCode", via: [post("/api/proposals/[proposalId]/codes")], allow: ADMIN },
  { action: "coSignWithCode", via: [post("/api/proposals/[proposalId]/sign-code")], allow: EVERYONE, byToken: true },
  // A proposal's attachments are public, like the proposal.
  // A meeting's material (PDF or photo): whoever may read the meeting — its body, the organization's people and
  // officers — and the staff of the township above (issue #20); never another village or township.
  {
    action: "read:meetingMaterial",
    via: [get("/meetings/[meetingId]/materials/[materialId]")],
    allow: ["admin", "chair", "recorder", "member", "observer", "supervisor", "townAdmin", "townReviewer", "townSupervisor"],
  },
  { action: "read:proposalAttachment", via: [get("/proposals/[orgId]/attachments/[attachmentId]")], allow: EVERYONE },

  // The live meeting (issue #6).
  { action: "read:meeting (public)", via: [socket("meeting:join")], allow: EVERYONE },
  // A meeting not open to the public: its body, the organization's admins and supervisors, and the staff of the
  // township above (issue #20, watching as observers do); not other residents.
  {
    action: "read:meeting (members only)",
    via: [socket("meeting:join")],
    allow: ["admin", "chair", "recorder", "member", "supervisor", "townAdmin", "townReviewer", "townSupervisor"],
  },
  { action: "read:myBallots", via: [socket("meeting:me")], allow: SIGNED_IN },
  { action: "read:myMeetings", via: [get("/api/meetings")], allow: SIGNED_IN },
  { action: "read:myOrganizations", via: [get("/api/orgs")], allow: SIGNED_IN },
  { action: "openMeeting", via: [socket("meeting:open")], allow: CHAIR },
  { action: "checkIn", via: [socket("meeting:checkIn")], allow: MEMBER },
  { action: "recordAttendance", via: [socket("meeting:attendance")], allow: CHAIR },
  { action: "addNonVotingAttendee", via: [socket("meeting:nonVoting")], allow: CHAIR },
  { action: "startItem", via: [socket("meeting:startItem")], allow: CHAIR },
  { action: "requestFloor", via: [socket("meeting:floor")], allow: MEMBER },
  { action: "grantFloor", via: [socket("meeting:grant")], allow: CHAIR },
  { action: "declareRecusal", via: [socket("meeting:recuse")], allow: MEMBER },
  { action: "openVote", via: [socket("vote:open")], allow: CHAIR },
  { action: "castVote", via: [socket("vote:cast"), post("/api/meetings/[meetingId]/vote")], allow: MEMBER, refusal: "not_entitled" },
  // Paper ballots: the chair, or the counters the chair named for that vote (live meeting tests).
  { action: "recordTotals", via: [socket("vote:totals")], allow: CHAIR },
  { action: "closeVote", via: [socket("vote:close")], allow: CHAIR },
  { action: "announceResult", via: [socket("vote:announce")], allow: CHAIR },
  { action: "adjournMeeting", via: [socket("meeting:adjourn")], allow: CHAIR },
  { action: "read:voteReceipt", via: [get("/api/audit/receipt")], allow: MEMBER, refusal: "not_found" },
  // The address (and QR code) of the voter's receipt page: the voter only. The page /r/<token> itself opens for
  // whoever holds that link (no login, nothing to find without it).
  { action: "read:voteReceiptLink", via: [get("/api/audit/receipt/link")], allow: MEMBER, refusal: "not_found" },
  { action: "read:voteReceiptPage", via: [get("/r/[token]")], allow: EVERYONE, byToken: true },

  // Collaborative minutes (issue #7): the officers write; members co-edit only where the body's charter allows it
  // (not in the test's body); attendees sign.
  { action: "read:minutes (public meeting)", via: [socket("minutes:join")], allow: EVERYONE },
  { action: "read:leaveMinutes", via: [socket("minutes:leave")], allow: EVERYONE },
  { action: "editMinutes", via: [socket("minutes:sync")], allow: ["chair", "recorder"] },
  { action: "showCaret", via: [socket("minutes:awareness")], allow: ["chair", "recorder"] },
  { action: "finalizeMinutes", via: [socket("minutes:finalize"), post("/api/minutes/[meetingId]/finalize")], allow: ["recorder"] },
  { action: "signMinutes", via: [socket("minutes:sign"), post("/api/minutes/[meetingId]/sign")], allow: ["chair", "recorder", "member"] },
  { action: "correctMinutes", via: [socket("minutes:correct"), post("/api/minutes/[meetingId]/correct")], allow: ["recorder"] },
  // Paper and assisted (代书) signatures (issue #19): the recorder records them; the two witnesses named for a 代书
  // (in the test, the chair and the member) confirm on their own phones. A scan of a signed page carries signatures
  // and fingerprints: the officers, the organization's admin (村务档案) and its supervisors open it, nobody else.
  { action: "recordPaperSignatures", via: [post("/api/minutes/[meetingId]/paper")], allow: ["recorder"] },
  { action: "requestAssistedSignature", via: [post("/api/minutes/[meetingId]/assisted")], allow: ["recorder"] },
  { action: "confirmWitness", via: [post("/api/minutes/[meetingId]/witness")], allow: ["chair", "member"] },
  { action: "read:signatureScan", via: [get("/api/minutes/[meetingId]/scans/[scanId]")], allow: ["admin", "chair", "recorder", "supervisor"] },

  // Public disclosure (issue #8): the admin or the deciding body's chair publishes; residents object.
  { action: "linkDecisionVote", via: [post("/api/notices/link-decision")], allow: ADMIN },
  { action: "publishDecision", via: [post("/api/notices/publish")], allow: ["admin", "chair"] },
  { action: "publishResult", via: [post("/api/notices/publish")], allow: ["admin", "chair"] },
  { action: "correctNotice", via: [post("/api/notices/[noticeId]/correct")], allow: ["admin", "chair"] },
  { action: "setNoticeDays", via: [post("/api/notices/orgs/[orgId]/notice-days")], allow: ADMIN },
  { action: "fileObjection", via: [post("/api/notices/[noticeId]/objections")], allow: ["chair", "recorder", "member", "observer"] },
  // The village's supervisors, or the 镇街监督 of the township above (issue #20; marked as the township's reply).
  { action: "replyToObjection", via: [post("/api/notices/objections/[objectionId]/reply")], allow: ["supervisor", "townSupervisor"] },
  { action: "read:noticeBoard", via: [get("/api/notices/orgs/[orgId]/board")], allow: EVERYONE },
  // A passed decision's certificate (issue #23): public like the notice that prints its QR code.
  { action: "read:decisionCertificate", via: [get("/c/[code]/file")], allow: EVERYONE },

  // After the decision (issue #23): the clerk or the deciding body's chair keeps the implementation record; the
  // clerk imports payments; the organization's people see the evidence, and the township's staff, who compare a photo
  // two of their villages used (another village's admin finds nothing).
  { action: "createPlan", via: [post("/api/implementation/plans")], allow: ["admin", "chair"] },
  { action: "reportProgress", via: [post("/api/implementation/plans/[planId]/progress")], allow: ["admin", "chair"] },
  { action: "importPayments", via: [post("/api/implementation/orgs/[orgId]/payments")], allow: ADMIN },
  {
    action: "read:evidenceFile",
    via: [get("/api/implementation/evidence/[fileId]")],
    allow: ["admin", "chair", "recorder", "member", "observer", "supervisor", "townReviewer", "townSupervisor", "townAdmin"],
    refusal: "not_found",
  },

  // Supervision (issue #4): supervisors read everything of their organization and add opinions, never change a record.
  // The 镇街监督 of the township above writes opinions on its villages too (issue #20), in the village's log.
  { action: "addSupervisionOpinion", via: [post("/api/audit/opinions")], allow: ["supervisor", "townSupervisor"] },
  { action: "read:auditStatus", via: [get("/api/audit/status")], allow: SUPERVISOR },
  { action: "read:auditTimeline", via: [get("/api/audit/timeline")], allow: SUPERVISOR },
  { action: "read:auditProof", via: [get("/api/audit/proof")], allow: SUPERVISOR },
  { action: "read:auditBundle", via: [get("/api/audit/bundle")], allow: SUPERVISOR },

  // The township (issue #20): the village files, the township's reviewer receipts and pre-reviews; the township's
  // admin creates villages and sets what needs pre-review. A township never changes a village's record.
  { action: "fileMatters", via: [post("/api/admin/orgs/[orgId]/filing")], allow: ADMIN },
  { action: "requestPreReview", via: [post("/api/admin/matters/[matterId]/prereview")], allow: ADMIN },
  { action: "acknowledgeFiling", via: [post("/api/township/matters/[matterId]/receipt")], allow: ["townReviewer", "townAdmin"] },
  { action: "decidePreReview", via: [post("/api/township/prereviews/[preReviewId]")], allow: ["townReviewer"] },
  { action: "createVillage", via: [post("/api/township/[townshipId]/villages")], allow: ["townAdmin"] },
  { action: "setTownshipSettings", via: [post("/api/township/[townshipId]/settings")], allow: ["townAdmin"] },
  { action: "read:townshipOverview", via: [get("/api/township/[townshipId]/overview")], allow: ["townReviewer", "townSupervisor", "townAdmin"] },
  // The weekly summary (issue #20 item 5): the same rows as JSON, CSV and PDF, for the township's staff only.
  { action: "read:townshipWeekly", via: [get("/api/township/[townshipId]/weekly")], allow: ["townReviewer", "townSupervisor", "townAdmin"] },
  { action: "read:townshipWeeklyCsv", via: [get("/api/township/[townshipId]/weekly/csv")], allow: ["townReviewer", "townSupervisor", "townAdmin"] },
  { action: "read:townshipWeeklyPdf", via: [get("/api/township/[townshipId]/weekly/pdf")], allow: ["townReviewer", "townSupervisor", "townAdmin"] },
  // Compliance alerts (issue #20 item 4): the organization's admin and its supervisors, and the township's staff
  // (not another township's). The page /orgs/[orgId]/compliance reads the same query.
  // The township takes part (issue #20): the chair or recorder records a township reviewer as 列席; only that
  // reviewer signs the finalized minutes as a witness; the township's staff read the village's matter pages.
  { action: "addTownshipAttendee", via: [post("/api/meetings/[meetingId]/township-attendee")], allow: ["chair", "recorder"] },
  { action: "signAsTownshipWitness", via: [post("/api/minutes/[meetingId]/township-witness")], allow: ["townReviewer"] },
  {
    action: "read:matter",
    via: [get("/api/matters/[matterId]")],
    allow: ["admin", "chair", "recorder", "member", "observer", "supervisor", "townAdmin", "townReviewer", "townSupervisor"],
  },
  { action: "read:alerts", via: [get("/api/orgs/[orgId]/alerts")], allow: ["admin", "supervisor", "townAdmin", "townReviewer", "townSupervisor"] },
  // The archive package of a meeting or a matter (issue #23 item 4): the same readers as the alerts — the village's
  // admin and supervisors and the township's staff; never a member, another village or another township.
  { action: "read:archivePackage", via: [get("/api/archive")], allow: ["admin", "supervisor", "townAdmin", "townReviewer", "townSupervisor"] },

  // One's own account.
  { action: "read:whoAmI", via: [socket("session")], allow: EVERYONE },
  { action: "logoutEverywhere", via: [post("/api/account/logout-everywhere")], allow: SIGNED_IN },
  { action: "setPreferences", via: [post("/api/preferences")], allow: EVERYONE },
  { action: "redeemLoginToken", via: [post("/login/qr")], allow: EVERYONE, byToken: true },
  // One's own password only (8 characters; a 6-digit PIN only right after a QR code login).
  { action: "setPassword", via: [post("/login/qr/password/save")], allow: SIGNED_IN },
];

/** Routes that carry no command and no organization's data: anyone may call them. */
export const OPEN_ROUTES = ["GET /api/health", "GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]", "POST /api/login", "POST /api/logout"] as const;

/** Exported command functions that are not reachable from outside: the server calls them itself. */
export const INTERNAL_COMMANDS: Record<string, string> = {
  // Issue #23: certificates for decisions announced before certificates existed. No route or socket event reaches
  // it; the server runs it as the system at start-up and an operator by `npm run certify:backfill`. Given an
  // account, it asks for the organization's admin.
  certifyPastDecision: "the server at start-up and npm run certify:backfill (system actor); otherwise the organization's admin",
};
