/**
 * Aliyun SMS (阿里云短信服务) SendSms, RPC style, signature version 1.0 (HMAC-SHA1), as Aliyun documents it:
 * 1. every parameter except Signature, sorted by name; names and values percent-encoded per RFC 3986 (A–Z a–z 0–9
 *    - _ . ~ kept, space as %20, never "+"), joined as name=value with "&";
 * 2. StringToSign = METHOD + "&" + enc("/") + "&" + enc(that query string);
 * 3. Signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)).
 * Success is HTTP 200 with {"Code":"OK","BizId":…}; a refusal carries another Code (isv.*, SignatureDoesNotMatch …).
 * Tested only against a local server that checks this signature (aliyunSms.test.ts), never against Aliyun itself.
 */
import { createHmac, randomUUID } from "node:crypto";
import { type NoticeMessage, postWithTimeout, type SendOutcome, type SmsAdapter, templateValue } from "./types";

export type AliyunConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  endpoint: string;
};

/** RFC 3986 percent-encoding as the RPC signature wants it. */
export function rpcEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function rpcCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== "Signature")
    .sort()
    .map((key) => `${rpcEncode(key)}=${rpcEncode(params[key] as string)}`)
    .join("&");
}

export function rpcSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${rpcEncode("/")}&${rpcEncode(rpcCanonicalQuery(params))}`;
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}

/** Codes after which a later try may succeed (throttling, provider trouble); anything else will not change. */
const RETRYABLE = new Set(["isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "ServiceUnavailable", "InternalError"]);

export function aliyunSms(config: AliyunConfig, now: () => Date = () => new Date()): SmsAdapter {
  return {
    provider: "aliyun",
    async send(phone: string, message: NoticeMessage): Promise<SendOutcome> {
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        PhoneNumbers: phone,
        RegionId: "cn-hangzhou",
        SignName: config.signName,
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: randomUUID(),
        SignatureVersion: "1.0",
        TemplateCode: config.templateCode,
        TemplateParam: JSON.stringify({ meeting: templateValue(message.meeting), time: templateValue(message.time), place: templateValue(message.place) }),
        Timestamp: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z"),
        Version: "2017-05-25",
      };
      params.Signature = rpcSignature("POST", params, config.accessKeySecret);
      const body = Object.entries(params)
        .map(([k, v]) => `${rpcEncode(k)}=${rpcEncode(v)}`)
        .join("&");
      try {
        const response = await postWithTimeout(config.endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
        const answer = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
        if (response.ok && answer.Code === "OK") return { ok: true, ref: answer.BizId ?? null };
        const code = answer.Code ?? `HTTP ${response.status}`;
        return { ok: false, error: `aliyun ${code}: ${answer.Message ?? ""}`.trim(), retryable: response.status >= 500 || RETRYABLE.has(code) };
      } catch (error) {
        return { ok: false, error: `aliyun unreachable: ${(error as Error).message}`, retryable: true };
      }
    },
  };
}
