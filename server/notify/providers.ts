/**
 * Which outside channels this deployment may use, from the environment. A channel whose keys are unset is off: the
 * admin does not see it and a send through it is refused. Keys never leave the server and never enter the log.
 */
import { aliyunSms } from "./aliyunSms";
import { tencentSms } from "./tencentSms";
import type { GroupAdapter, SmsAdapter } from "./types";
import { wecomRobot } from "./wecomRobot";

export type Providers = { sms: SmsAdapter | null; wecom: GroupAdapter | null };

const set = (value: string | undefined): value is string => typeof value === "string" && value.trim() !== "";

export function providersFromEnv(env: NodeJS.ProcessEnv = process.env): Providers {
  let sms: SmsAdapter | null = null;
  if (set(env.ALIYUN_SMS_ACCESS_KEY_ID) && set(env.ALIYUN_SMS_ACCESS_KEY_SECRET) && set(env.ALIYUN_SMS_SIGN_NAME) && set(env.ALIYUN_SMS_TEMPLATE_CODE)) {
    sms = aliyunSms({
      accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID,
      accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET,
      signName: env.ALIYUN_SMS_SIGN_NAME,
      templateCode: env.ALIYUN_SMS_TEMPLATE_CODE,
      endpoint: set(env.ALIYUN_SMS_ENDPOINT) ? env.ALIYUN_SMS_ENDPOINT : "https://dysmsapi.aliyuncs.com/",
    });
  } else if (
    set(env.TENCENT_SMS_SECRET_ID) &&
    set(env.TENCENT_SMS_SECRET_KEY) &&
    set(env.TENCENT_SMS_SDK_APP_ID) &&
    set(env.TENCENT_SMS_SIGN_NAME) &&
    set(env.TENCENT_SMS_TEMPLATE_ID)
  ) {
    sms = tencentSms({
      secretId: env.TENCENT_SMS_SECRET_ID,
      secretKey: env.TENCENT_SMS_SECRET_KEY,
      sdkAppId: env.TENCENT_SMS_SDK_APP_ID,
      signName: env.TENCENT_SMS_SIGN_NAME,
      templateId: env.TENCENT_SMS_TEMPLATE_ID,
      region: set(env.TENCENT_SMS_REGION) ? env.TENCENT_SMS_REGION : "ap-guangzhou",
      endpoint: set(env.TENCENT_SMS_ENDPOINT) ? env.TENCENT_SMS_ENDPOINT : "https://sms.tencentcloudapi.com/",
    });
  }
  const wecom = set(env.WECOM_WEBHOOK_URL) ? wecomRobot(env.WECOM_WEBHOOK_URL) : null;
  return { sms, wecom };
}

/** The channels an admin may choose: the two of our own always, the outside ones when configured. */
export function enabledChannels(providers: Providers): ("in_app" | "paper" | "sms" | "wecom")[] {
  return ["in_app", "paper", ...(providers.sms ? (["sms"] as const) : []), ...(providers.wecom ? (["wecom"] as const) : [])];
}
