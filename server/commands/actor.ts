/** Who asks for a command: defined with the other identity checks in server/auth/actor.ts, named here for commands. */
export { type Actor, accountActor, SYSTEM } from "../auth/actor";
