import type { NextRequest } from "next/server";
import { createPerson } from "@/server/commands/org/createPerson";
import { AppError } from "@/server/errors";
import { currentAccount } from "@/server/auth/session";
import { respond } from "@/server/http";
import { adminPeople } from "@/server/queries/adminPeople";
import { adminPost } from "../../../post";
import { personFromForm } from "../../../personForm";

type Context = { params: Promise<{ orgId: string }> };

export const dynamic = "force-dynamic";

/** The register with phones in full: admins of this organization only. */
export async function GET(_request: Request, { params }: Context) {
  const { orgId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return adminPeople(account, orgId);
  });
}

export async function POST(request: NextRequest, { params }: Context) {
  const { orgId } = await params;
  return adminPost(request, { command: createPerson, params: { orgId }, fromForm: (f) => personFromForm(f, false) });
}
