import { proposalAttachment } from "@/server/queries/proposals";
import { storedFileRoute } from "@/server/web/storedFile";

export const dynamic = "force-dynamic";

/** A file attached to a proposal: public like the proposal itself (only PDFs and images are accepted). */
export const GET = storedFileRoute<{ orgId: string; attachmentId: string }>({
  anonymous: true,
  cache: "public, max-age=300",
  read: (_viewer, { orgId, attachmentId }) => proposalAttachment(orgId, attachmentId),
});
