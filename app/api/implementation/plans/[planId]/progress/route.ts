import { reportProgress } from "@/server/commands/implementation/reportProgress";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST multipart {text, spent?, milestoneId?, files…}: a progress report with photos and documents. */
export const POST = writeRoute({
  command: reportProgress,
  params: ["planId"],
  form: async (f) => ({
    text: f.str("text") ?? "",
    spent: f.str("spent"),
    milestoneId: f.str("milestoneId"),
    files: await Promise.all(f.files("files").map(async (file) => ({ filename: file.name, data: new Uint8Array(await file.arrayBuffer()) }))),
  }),
  jsonWhenAccepted: true,
  fallback: "/",
  loggedOut: "back",
  done: (_report, back) => withQuery(back, { done: "reported" }),
});
