import type { SocketModule } from "./io";

/** Every feature's socket events. Add a feature's module here. */
export const SOCKET_MODULES: SocketModule[] = [];
