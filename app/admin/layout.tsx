import type { ReactNode } from "react";
import { viewerOrLogin } from "@/server/web/loadPage";
import "./admin.css";

export const dynamic = "force-dynamic";

/** Every admin page needs a login; what each may see is checked by its query (admin of that organization). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await viewerOrLogin();
  return <>{children}</>;
}
