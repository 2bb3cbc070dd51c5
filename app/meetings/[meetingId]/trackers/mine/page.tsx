import { getTranslations } from "next-intl/server";
import { MyTrackers } from "./MyTrackers";
import "../trackers.css";

/** /meetings/<id>/trackers/mine: this device's own trackers, printable, with QR codes. Reads nothing from the server. */
export default async function MyTrackersPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const t = await getTranslations("trackers");
  return (
    <div>
      <h1>{t("mineTitle")}</h1>
      <p>{t("mineIntro")}</p>
      <MyTrackers meetingId={meetingId} />
    </div>
  );
}
