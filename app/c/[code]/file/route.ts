import { certificateFileName, certificatePage, certificateText } from "@/server/queries/certificate";
import { load } from "@/server/web/loadPage";

export const dynamic = "force-dynamic";

/**
 * The certificate file (JSON), opened inline: WeChat's in-app browser shows text but cannot save a download. Served
 * as text/plain so every browser displays it; `node verify.mjs --certificate FILE` checks a saved copy.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await params;
  const loaded = await load(() => certificatePage(code));
  if (!loaded.ok)
    return new Response("未找到该决议凭证 / no such decision certificate\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { certificate } = loaded.data;
  return new Response(certificateText(certificate), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `inline; filename="${certificateFileName(String(certificate.statement.code))}"`,
      "cache-control": "no-store",
    },
  });
}
