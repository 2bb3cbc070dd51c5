import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { errorFields, logger } from "@/server/ops/logger";
import { materialFile } from "@/server/queries/meetingInfo";

export const dynamic = "force-dynamic";

/**
 * Opens a material (PDF or image) for a participant of its meeting. Served with the type detected at upload and
 * `nosniff`, inline so a phone shows it; `?download=1` saves it instead.
 */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string; materialId: string }> }) {
  const { meetingId, materialId } = await params;
  try {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    const file = await materialFile(account, meetingId, materialId);
    const disposition = new URL(request.url).searchParams.get("download") === "1" ? "attachment" : "inline";
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new NextResponse(Buffer.from(file.data), {
      headers: {
        "content-type": file.mime,
        "content-length": String(file.size),
        "content-disposition": `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (!isAppError(error)) logger().error(errorFields(error), "download failed");
    if (appError.code === "unauthenticated" && request.headers.get("accept")?.includes("text/html")) {
      return new NextResponse(null, { status: 303, headers: { location: "/login" } });
    }
    return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus });
  }
}
