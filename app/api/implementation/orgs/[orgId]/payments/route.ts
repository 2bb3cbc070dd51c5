import type { NextRequest } from "next/server";
import { importPayments } from "@/server/commands/implementation/importPayments";
import { AppError } from "@/server/errors";
import { implementationPost } from "../../../post";

/** POST multipart {file}: a 三资 platform's payments CSV (GBK or UTF-8) or .xlsx, checked against the decisions. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return implementationPost(request, {
    command: (input, actor) => importPayments({ ...(input as object), orgId }, actor),
    fromForm: async (f) => {
      const [file] = await f.files("file");
      if (!file) throw new AppError("invalid_input", "no file", { field: "file", details: { reason: "empty" } });
      return { filename: file.filename, data: file.data };
    },
    done: "imported",
  });
}
