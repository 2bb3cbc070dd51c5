/** The live meeting: states, attendance and quorum, entitled voters, tallies, ballot trackers, speakers. Pure. */
export * from "./stateMachine";
export * from "./proxy";
export * from "./attendance";
export * from "./quorum";
export * from "./entitlement";
export * from "./tally";
export * from "./ballotTracker";
export * from "./speakers";
export * from "./motionResult";
export * from "./procedureWarnings";
