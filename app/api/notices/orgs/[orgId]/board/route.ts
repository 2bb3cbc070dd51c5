import { respond } from "@/server/http";
import { noticeBoard } from "@/server/queries/noticeBoard";

export const dynamic = "force-dynamic";

/** GET: an organization's public notice board as JSON (no login: the same data as /n/<orgId>). */
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return respond(() => noticeBoard(orgId));
}
