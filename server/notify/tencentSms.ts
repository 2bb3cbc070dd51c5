/**
 * Tencent Cloud SMS (腾讯云短信) SendSms, API version 2021-01-11, signed with TC3-HMAC-SHA256 as Tencent documents it:
 * CanonicalRequest = "POST\n/\n\n" + "content-type:application/json; charset=utf-8\nhost:<host>\n" + "\n" +
 *   "content-type;host\n" + hex(SHA256(body));
 * StringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + "<UTC date>/sms/tc3_request\n" + hex(SHA256(CanonicalRequest));
 * key = HMAC(HMAC(HMAC("TC3" + SecretKey, date), "sms"), "tc3_request"); Signature = hex(HMAC(key, StringToSign)).
 * The answer is always HTTP 200 with {"Response":…}: an Error object for a refused request, else one
 * SendStatusSet entry per number whose Code is "Ok" on success.
 * Tested only against a local server that checks this signature (tencentSms.test.ts), never against Tencent Cloud.
 */
import { createHash, createHmac } from "node:crypto";
import { type NoticeMessage, postWithTimeout, type SendOutcome, type SmsAdapter, templateValue } from "./types";

export type TencentConfig = {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  region: string;
  endpoint: string;
};

export const TC3_CONTENT_TYPE = "application/json; charset=utf-8";
const SERVICE = "sms";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();

/** The TC3 signature of a JSON POST to `/` of `host` at `timestamp` (seconds). */
export function tc3Signature(input: { secretKey: string; host: string; body: string; timestamp: number; service?: string }): {
  signature: string;
  scope: string;
} {
  const service = input.service ?? SERVICE;
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = ["POST", "/", "", `content-type:${TC3_CONTENT_TYPE}\nhost:${input.host}\n`, "content-type;host", sha256Hex(input.body)].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(input.timestamp), scope, sha256Hex(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, date), service), "tc3_request");
  return { signature: createHmac("sha256", key).update(stringToSign).digest("hex"), scope };
}

/** Error codes after which a later try may succeed. */
const RETRYABLE = /^(RequestLimitExceeded|LimitExceeded|InternalError|FailedOperation\.(?:ContainDomesticAndInternationalPhoneNumber)?$)/;

export function tencentSms(config: TencentConfig, now: () => Date = () => new Date()): SmsAdapter {
  return {
    provider: "tencent",
    async send(phone: string, message: NoticeMessage): Promise<SendOutcome> {
      const body = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: config.templateId,
        TemplateParamSet: [templateValue(message.meeting), templateValue(message.time), templateValue(message.place)],
      });
      const host = new URL(config.endpoint).host;
      const timestamp = Math.floor(now().getTime() / 1000);
      const { signature, scope } = tc3Signature({ secretKey: config.secretKey, host, body, timestamp });
      const headers = {
        authorization: `TC3-HMAC-SHA256 Credential=${config.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
        "content-type": TC3_CONTENT_TYPE,
        host,
        "x-tc-action": "SendSms",
        "x-tc-timestamp": String(timestamp),
        "x-tc-version": "2021-01-11",
        "x-tc-region": config.region,
      };
      try {
        const response = await postWithTimeout(config.endpoint, { method: "POST", headers, body });
        const answer = (await response.json().catch(() => ({}))) as {
          Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[] };
        };
        const error = answer.Response?.Error;
        if (error) return { ok: false, error: `tencent ${error.Code}: ${error.Message}`, retryable: RETRYABLE.test(error.Code) };
        const status = answer.Response?.SendStatusSet?.[0];
        if (response.ok && status?.Code === "Ok") return { ok: true, ref: status.SerialNo ?? null };
        if (status) return { ok: false, error: `tencent ${status.Code}: ${status.Message}`, retryable: RETRYABLE.test(status.Code) };
        return { ok: false, error: `tencent HTTP ${response.status}`, retryable: response.status >= 500 };
      } catch (error) {
        return { ok: false, error: `tencent unreachable: ${(error as Error).message}`, retryable: true };
      }
    },
  };
}
