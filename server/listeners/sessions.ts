import type { Listener } from "../events";
import { accountRoom } from "../realtime/io";
import { getRuntime } from "../runtime";

/** Revoked sessions (password reset, account disabled, 在所有设备上退出): every live socket of the account goes now, on every node. */
export const sessionsOnEvent: Listener = (event) => {
  if (event.type === "account.revoked") getRuntime().io?.in(accountRoom(event.accountId)).disconnectSockets(true);
};
