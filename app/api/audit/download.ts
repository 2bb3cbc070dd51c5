import { NextResponse } from "next/server";
import { AppError, isAppError } from "@/server/errors";
import { errorFields, logger } from "@/server/ops/logger";

export type Download = {
  body: string | ReadableStream<Uint8Array>;
  fileName: string;
  contentType: string;
  /** Shown in the browser rather than saved (WeChat's browser cannot save files): text such as a receipt. */
  inline?: boolean;
};

/**
 * A file download (receipt, proof, bundle zip; a receipt is shown inline), or the usual JSON error `{ ok:false, error }` with its status when
 * the request is refused. File names hold ids and numbers only (no personal data).
 */
export async function download(work: () => Promise<Download>): Promise<NextResponse> {
  try {
    const { body, fileName, contentType, inline } = await work();
    return new NextResponse(body, {
      headers: {
        "content-type": contentType,
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="${fileName}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (!isAppError(error)) logger().error(errorFields(error), "download failed");
    return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus, headers: { "cache-control": "no-store" } });
  }
}
