/** The live meeting: states, attendance and quorum, entitled voters, tallies, ballot trackers, speakers. Pure. */

export * from "./attendance";
export * from "./ballotTracker";
export * from "./entitlement";
export * from "./motionResult";
export * from "./procedureWarnings";
export * from "./proxy";
export * from "./quorum";
export * from "./speakers";
export * from "./stateMachine";
export * from "./tally";
