/** What a channel adapter is given and answers. Adapters never touch the database: the outbox records outcomes. */
export type NoticeMessage = {
  /** 平洲村村民代表会议 2026年第3次 */
  meeting: string;
  /** 12月15日 09:30 */
  time: string;
  place: string;
  /** The public notice page. */
  url: string;
};

export type SendOutcome =
  | { ok: true; ref: string | null }
  /** `retryable`: worth trying again later (network, throttling, provider busy); otherwise give up at once. */
  | { ok: false; error: string; retryable: boolean };

export type SmsAdapter = {
  provider: "aliyun" | "tencent";
  /** One message to one phone number (11 digits, mainland China). */
  send(phone: string, message: NoticeMessage): Promise<SendOutcome>;
};

export type GroupAdapter = {
  /** One post to the group, mentioning the members by phone number. */
  post(phones: string[], message: NoticeMessage): Promise<SendOutcome>;
};

/** Variables of an approved SMS template are short: longer values are cut (both providers limit their length). */
export function templateValue(value: string, max = 35): string {
  return [...value].length > max ? `${[...value].slice(0, max - 1).join("")}…` : value;
}

/** A fetch that gives up: a provider that hangs must not hold the outbox. */
export async function postWithTimeout(url: string, init: RequestInit, timeoutMs = 10_000): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}
