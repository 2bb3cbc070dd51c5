import { importPayments } from "@/server/commands/implementation/importPayments";
import { AppError } from "@/server/errors";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST multipart {file}: a 三资 platform's payments CSV (GBK or UTF-8) or .xlsx, checked against the decisions. */
export const POST = writeRoute({
  command: importPayments,
  params: ["orgId"],
  form: async (f) => {
    const file = f.files("file")[0];
    if (!file) throw new AppError("invalid_input", "no file", { field: "file", details: { reason: "empty" } });
    return { filename: file.name, data: new Uint8Array(await file.arrayBuffer()) };
  },
  jsonWhenAccepted: true,
  fallback: "/",
  loggedOut: "back",
  done: (_imported, back) => withQuery(back, { done: "imported" }),
});
