import type { NextRequest } from "next/server";
import { reportProgress } from "@/server/commands/implementation/reportProgress";
import { implementationPost } from "../../../post";

/** POST multipart {text, spent?, milestoneId?, files…}: a progress report with photos and documents. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  return implementationPost(request, {
    command: (input, actor) => reportProgress({ ...(input as object), planId }, actor),
    fromForm: async (f) => ({ text: f.str("text") ?? "", spent: f.str("spent"), milestoneId: f.str("milestoneId"), files: await f.files("files") }),
    done: "reported",
  });
}
