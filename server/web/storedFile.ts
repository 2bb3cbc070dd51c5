import { NextResponse } from "next/server";
import { type CurrentAccount, currentAccount } from "../auth/session";
import { AppError, isAppError } from "../errors";
import { errorFields, logger } from "../ops/logger";

/** A file kept in the database: its bytes, the type detected when it was stored, and the name it came with. */
export type StoredFile = { data: Uint8Array; mime: string; size: number; filename: string };

type FileRouteOptions<P> = {
  /** Reads the file and checks the reader may have it; throws an AppError otherwise. */
  read: (viewer: CurrentAccount | null, params: P, request: Request) => Promise<StoredFile>;
  /** Public files (a proposal's attachments) are served to anyone; all others need a login. */
  anonymous?: boolean;
  /** `cache-control`; private files are never stored by a cache. */
  cache?: string;
  /** `?download=1` saves the file instead of showing it (materials); everything else opens inline. */
  allowDownload?: boolean;
};

/**
 * The one way a route serves a stored file: inline by default (a phone shows it; WeChat's browser cannot download),
 * with the type detected at upload, `nosniff`, a filename that survives both old and new browsers, and the same
 * error replies as every other route (a browser that is not logged in is sent to the login page).
 */
export function storedFileRoute<P>(options: FileRouteOptions<P>) {
  return async function serveStoredFile(request: Request, { params }: { params: Promise<P> }): Promise<Response> {
    try {
      const viewer = await currentAccount();
      if (!viewer && !options.anonymous) throw new AppError("unauthenticated", "login required");
      const file = await options.read(viewer, await params, request);
      const download = options.allowDownload === true && new URL(request.url).searchParams.get("download") === "1";
      return new NextResponse(new Uint8Array(file.data), {
        headers: {
          "content-type": file.mime,
          "content-length": String(file.size),
          "content-disposition": contentDisposition(download ? "attachment" : "inline", file.filename),
          "x-content-type-options": "nosniff",
          "cache-control": options.cache ?? "private, no-store",
        },
      });
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError("internal", "internal error");
      if (!isAppError(error)) logger().error({ ...errorFields(error), path: new URL(request.url).pathname }, "stored file could not be served");
      if (appError.code === "unauthenticated" && request.headers.get("accept")?.includes("text/html")) {
        return new NextResponse(null, { status: 303, headers: { location: "/login" } });
      }
      return NextResponse.json({ ok: false, error: appError.toJSON() }, { status: appError.httpStatus });
    }
  };
}

/** RFC 6266: an ASCII fallback name for old browsers, and the real (often Chinese) name in `filename*`. */
export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
