import type { NextRequest } from "next/server";
import { raiseMatter } from "@/server/commands/matter/raiseMatter";
import { adminPost } from "../post";

export function POST(request: NextRequest) {
  return adminPost(request, {
    command: raiseMatter,
    fromForm: (f) => ({ orgId: f.str("orgId"), title: f.str("title"), description: f.str("description"), kind: f.str("kind"), source: f.str("source") }),
    next: (result) => `/matters/${result.id}`,
  });
}
