import { NextResponse } from "next/server";
import { AppError, isAppError } from "@/server/errors";
import { proposalAttachment } from "@/server/queries/proposals";

export const dynamic = "force-dynamic";

/**
 * A file attached to a proposal: public like the proposal itself. Served inline (a phone shows it; WeChat cannot
 * download) with the type detected at upload (only PDFs and images are accepted) and `nosniff`.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string; attachmentId: string }> }) {
  const { orgId, attachmentId } = await params;
  try {
    const file = await proposalAttachment(orgId, attachmentId);
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new NextResponse(Buffer.from(file.data), {
      headers: {
        "content-type": file.mime,
        "content-length": String(file.size),
        "content-disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "public, max-age=300",
      },
    });
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus });
  }
}
