/** Who asks for a command: defined with the other identity checks in server/auth/actor.ts, named here for commands. */
export { SYSTEM, accountActor, type Actor } from "../auth/actor";
