import type { SocketModule } from "./io";
import { meetingRoomModule } from "./meetingRoom";
import { minutesModule } from "./minutesModule";

/** Every feature's socket events. Add a feature's module here. */
export const SOCKET_MODULES: SocketModule[] = [meetingRoomModule, minutesModule];
