/**
 * HTTP helpers for the admin tests: log in each demo role once, call an endpoint as that role (JSON in, JSON out),
 * and read an organization's audit log size as its admin (to show that a refused request changed nothing).
 */
import { DEMO_PASSWORD } from "../../prisma/seed";
import { demoPhone, NEIGHBOUR_ADMIN_PHONE } from "./builders";
import { login } from "./http";

export const ROLE_PHONES = {
  admin: demoPhone("admin"),
  chair: demoPhone("chair"),
  recorder: demoPhone("recorder"),
  member: demoPhone("member"),
  supervisor: demoPhone("supervisor"),
  foreignAdmin: NEIGHBOUR_ADMIN_PHONE,
} as const;

export type Role = keyof typeof ROLE_PHONES | "anonymous";
export type Answer = { status: number; ok: boolean; data: Record<string, unknown> & { id?: string }; error?: { code: string; field?: string } };

export class AdminApi {
  private readonly cookies = new Map<Role, string>();
  constructor(readonly url: string) {}

  async loginAll(): Promise<void> {
    for (const [role, phone] of Object.entries(ROLE_PHONES)) {
      const cookie = await login(this.url, phone, DEMO_PASSWORD);
      if (!cookie) throw new Error(`demo login failed for ${role}`);
      this.cookies.set(role as Role, cookie);
    }
  }

  setCookie(role: Role, cookie: string): void {
    this.cookies.set(role, cookie);
  }

  cookie(role: Role): string {
    return this.cookies.get(role) ?? "";
  }

  async call(role: Role, method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      redirect: "manual",
      headers: { cookie: this.cookie(role), accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as { ok?: boolean; data?: Answer["data"]; error?: Answer["error"] };
    return { status: response.status, ok: json.ok === true, data: json.data ?? {}, error: json.error };
  }

  /** Calls as the admin and fails the test if refused. */
  async must(method: "GET" | "POST", path: string, body?: unknown): Promise<Answer["data"]> {
    const answer = await this.call("admin", method, path, body);
    if (!answer.ok) throw new Error(`${method} ${path} refused: ${JSON.stringify(answer.error)}`);
    return answer.data;
  }

  async auditSize(orgId: string): Promise<number> {
    return (await this.must("GET", `/api/admin/orgs/${orgId}`)).auditSize as number;
  }
}

/** The rendered page content only (<main>): the HTML also carries every UI string for client components. */
export function mainOf(html: string): string {
  const match = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html);
  return match?.[1] ?? "";
}
