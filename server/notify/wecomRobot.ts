/**
 * WeChat Work (企业微信) group robot: POST JSON to the robot's webhook URL (…/cgi-bin/webhook/send?key=…). The key in
 * the URL is the only credential (no request signature). A text message may @mention members by mobile number
 * (`mentioned_mobile_list`); content is at most 2048 bytes. The answer is {"errcode":0,"errmsg":"ok"} on success,
 * another errcode otherwise (45009: too frequent, 93000: invalid webhook URL …).
 * Tested only against a local server that answers as documented (wecomRobot.test.ts), never against WeCom itself.
 */
import { type GroupAdapter, type NoticeMessage, postWithTimeout, type SendOutcome } from "./types";

const MAX_BYTES = 2048;
/** Too frequent (the robot takes 20 messages a minute) or a busy system: worth trying later. */
const RETRYABLE = new Set([-1, 45009]);

export function wecomText(message: NoticeMessage): string {
  const text = `【会议通知】${message.meeting}\n时间：${message.time}\n地点：${message.place}\n请点开链接查看通知并签收：${message.url}`;
  const bytes = Buffer.from(text, "utf8");
  return bytes.byteLength <= MAX_BYTES
    ? text
    : `${bytes
        .subarray(0, MAX_BYTES - 3)
        .toString("utf8")
        .replace(/\uFFFD$/, "")}…`;
}

export function wecomRobot(webhookUrl: string): GroupAdapter {
  return {
    async post(phones: string[], message: NoticeMessage): Promise<SendOutcome> {
      const body = JSON.stringify({ msgtype: "text", text: { content: wecomText(message), mentioned_mobile_list: phones } });
      try {
        const response = await postWithTimeout(webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
        const answer = (await response.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
        if (response.ok && answer.errcode === 0) return { ok: true, ref: null };
        const code = answer.errcode ?? -1;
        return { ok: false, error: `wecom ${code}: ${answer.errmsg ?? `HTTP ${response.status}`}`, retryable: response.status >= 500 || RETRYABLE.has(code) };
      } catch (error) {
        return { ok: false, error: `wecom unreachable: ${(error as Error).message}`, retryable: true };
      }
    },
  };
}
