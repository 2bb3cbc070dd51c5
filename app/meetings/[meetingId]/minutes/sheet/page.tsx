import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { currentAccount } from "@/server/auth/session";
import { isWeChat } from "@/server/minutes/qrContent";
import { PrintButton } from "../print/PrintButton";
import { sheetData } from "./sheetData";
import "../minutes.css";

export const dynamic = "force-dynamic";

/** 签到表: printed for the hall, signed by hand (or with a fingerprint), then scanned and uploaded by the recorder. */
export default async function SignInSheetPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const account = await currentAccount();
  const data = await sheetData(account?.id ?? null, meetingId);
  if (!data) notFound();
  const { labels } = data;
  const base = `/meetings/${meetingId}/minutes`;
  return (
    <article className="minutes-print sign-in-sheet">
      {isWeChat((await headers()).get("user-agent")) ? (
        <p className="wechat-hint" role="note">
          {labels.wechatHint}
        </p>
      ) : null}
      <p className="no-print minutes-links">
        <a href={base}>{labels.back}</a>
        <PrintButton label={labels.print} />
      </p>
      <h1>{data.title}</h1>
      <p>{data.subtitle}</p>
      <p>{data.statement}</p>
      <table className="sheet-table">
        <thead>
          <tr>
            <th scope="col">{labels.number}</th>
            <th scope="col">{labels.name}</th>
            <th scope="col">{labels.role}</th>
            <th scope="col">{labels.signature}</th>
            <th scope="col">{labels.recorded}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, index) => (
            <tr key={row.personId}>
              <td>{index + 1}</td>
              <td>{row.name}</td>
              <td>{row.role}</td>
              <td className="sheet-sign" />
              <td className="hint">{row.signed ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{data.footer}</p>
    </article>
  );
}
