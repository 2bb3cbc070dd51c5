import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { errorFields, logger } from "@/server/ops/logger";
import { signatureScan } from "@/server/queries/signatureScan";

export const dynamic = "force-dynamic";

/** Opens the scan of a signed sheet inline (a phone shows it), with the type detected at upload and `nosniff`. */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string; scanId: string }> }) {
  const { meetingId, scanId } = await params;
  try {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    const file = await signatureScan(account.id, meetingId, scanId);
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new NextResponse(new Uint8Array(file.data), {
      headers: {
        "content-type": file.mime,
        "content-length": String(file.size),
        "content-disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    const appError = isAppError(error) ? error : new AppError("internal", "internal error");
    if (!isAppError(error)) logger().error(errorFields(error), "download failed");
    if (appError.code === "unauthenticated" && request.headers.get("accept")?.includes("text/html"))
      return new NextResponse(null, { status: 303, headers: { location: "/login" } });
    return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus });
  }
}
