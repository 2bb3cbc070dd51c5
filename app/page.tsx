import { redirect } from "next/navigation";
import { currentAccount } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await currentAccount()) ? "/me" : "/login");
}
