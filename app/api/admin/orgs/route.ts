import type { NextRequest } from "next/server";
import { createOrganization } from "@/server/commands/org/createOrganization";
import { adminPost } from "../post";

/** An admin of a village creates a cooperative under it (and becomes its admin). */
export function POST(request: NextRequest) {
  return adminPost(request, {
    command: createOrganization,
    fromForm: (f) => ({ name: f.str("name"), level: "cooperative", parentId: f.str("parentId"), noticeDays: f.int("noticeDays") }),
    next: (result) => `/admin/orgs/${result.id}`,
  });
}
