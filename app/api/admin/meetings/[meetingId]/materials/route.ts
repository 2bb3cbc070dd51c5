import { uploadMaterial } from "@/server/commands/meeting/uploadMaterial";
import { AppError } from "@/server/errors";
import { writeRoute } from "@/server/web/writeRoute";

/**
 * A material upload (multipart, field `file`): JSON back when asked for (`accept: application/json`), else 303. A body
 * beyond a 20 MB file and its envelope was refused at the door, unread (server/web/requestGate.ts); a file just over
 * 20 MB gets here and is refused in words by the command.
 */
export const POST = writeRoute({
  params: ["meetingId"],
  command: uploadMaterial,
  form: async (f) => {
    const file = f.file("file");
    if (!file) throw new AppError("invalid_input", "no file", { field: "file", details: { reason: "empty" } });
    return { filename: file.name, data: new Uint8Array(await file.arrayBuffer()) };
  },
  jsonWhenAccepted: true,
  back: ({ meetingId }) => `/admin/meetings/${encodeURIComponent(meetingId)}`,
});
