/**
 * The SMS and WeCom adapters against local servers that check each request as the provider documents it and answer
 * with the provider's documented bodies (server/testing/providerServers.ts); plus each provider's published
 * signature example. Nothing here reaches Aliyun, Tencent Cloud or WeCom.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, fakeAliyun, fakeTencent, fakeWecom } from "../testing/providerServers";
import { aliyunSms, rpcSignature } from "./aliyunSms";
import { tc3Signature, tencentSms } from "./tencentSms";
import type { NoticeMessage } from "./types";
import { wecomRobot } from "./wecomRobot";

const MESSAGE: NoticeMessage = {
  meeting: "平洲村村民代表会议 2026年第3次",
  time: "12月15日 09:30",
  place: "村委会二楼会议室",
  url: "https://yishi.example.cn/meetings/m1/notice",
};
let aliyun: FakeProvider;
let tencent: FakeProvider;
let wecom: FakeProvider;
const ALIYUN_KEYS = { id: "LTAI-test-id", secret: "aliyun-test-secret" };
const TENCENT_KEYS = { id: "AKID-test-id", secret: "tencent-test-secret" };

beforeAll(async () => {
  [aliyun, tencent, wecom] = await Promise.all([fakeAliyun(ALIYUN_KEYS), fakeTencent(TENCENT_KEYS), fakeWecom("robot-key-1")]);
});
afterAll(async () => {
  await Promise.all([aliyun?.close(), tencent?.close(), wecom?.close()]);
});

/** A port nobody listens on: the provider is unreachable. */
const CLOSED = "http://127.0.0.1:9/";

describe("published signature examples", () => {
  it("Aliyun RPC: the DescribeRegions example of Aliyun's signature document gives its published signature", () => {
    const params = {
      AccessKeyId: "testid",
      Action: "DescribeRegions",
      Format: "XML",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      SignatureVersion: "1.0",
      Timestamp: "2016-02-23T12:46:24Z",
      Version: "2014-05-26",
    };
    expect(rpcSignature("GET", params, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("Tencent TC3: the DescribeInstances example of Tencent Cloud's signature v3 document gives its published signature", () => {
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const { signature, scope } = tc3Signature({
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      host: "cvm.tencentcloudapi.com",
      body,
      timestamp: 1551113065,
      service: "cvm",
    });
    expect(scope).toBe("2019-02-25/cvm/tc3_request");
    expect(signature).toBe("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  });
});

describe("Aliyun SMS adapter", () => {
  const config = () => ({
    accessKeyId: ALIYUN_KEYS.id,
    accessKeySecret: ALIYUN_KEYS.secret,
    signName: "平洲村",
    templateCode: "SMS_100001",
    endpoint: aliyun.url,
  });

  it("sends a signed request the server accepts, with the meeting in the template variables", async () => {
    aliyun.mode = "ok";
    const outcome = await aliyunSms(config()).send("13900000001", MESSAGE);
    expect(outcome).toEqual({ ok: true, ref: expect.stringMatching(/\^0$/) });
    const accepted = new URLSearchParams(aliyun.accepted.at(-1)?.body);
    expect(accepted.get("PhoneNumbers")).toBe("13900000001");
    expect(JSON.parse(accepted.get("TemplateParam") ?? "{}")).toMatchObject({ place: "村委会二楼会议室", time: "12月15日 09:30" });
  });

  it("a wrong secret is refused (SignatureDoesNotMatch) and not retried; throttling and an outage are retried", async () => {
    const refused = await aliyunSms({ ...config(), accessKeySecret: "wrong" }).send("13900000001", MESSAGE);
    expect(refused).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining("SignatureDoesNotMatch") });
    aliyun.mode = "throttled";
    expect(await aliyunSms(config()).send("13900000002", MESSAGE)).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining("isv.BUSINESS_LIMIT_CONTROL"),
    });
    aliyun.mode = "down";
    expect(await aliyunSms(config()).send("13900000002", MESSAGE)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining("503") });
    aliyun.mode = "ok";
    expect(await aliyunSms({ ...config(), endpoint: CLOSED }).send("13900000002", MESSAGE)).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining("unreachable"),
    });
  });
});

describe("Tencent Cloud SMS adapter", () => {
  const config = () => ({
    secretId: TENCENT_KEYS.id,
    secretKey: TENCENT_KEYS.secret,
    sdkAppId: "1400006666",
    signName: "平洲村",
    templateId: "1110",
    region: "ap-guangzhou",
    endpoint: tencent.url,
  });

  it("sends a TC3-signed request the server accepts, to the number in E.164 form", async () => {
    tencent.mode = "ok";
    const outcome = await tencentSms(config()).send("13900000003", MESSAGE);
    expect(outcome).toEqual({ ok: true, ref: expect.stringMatching(/^2640:/) });
    const body = JSON.parse(tencent.accepted.at(-1)?.body ?? "{}") as { PhoneNumberSet: string[]; TemplateParamSet: string[] };
    expect(body.PhoneNumberSet).toEqual(["+8613900000003"]);
    expect(body.TemplateParamSet).toEqual([MESSAGE.meeting, MESSAGE.time, MESSAGE.place]);
  });

  it("refuses a wrong key and a clock more than five minutes off (not retried); a per-number limit is retried", async () => {
    expect(await tencentSms({ ...config(), secretKey: "wrong" }).send("13900000003", MESSAGE)).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining("AuthFailure.SignatureFailure"),
    });
    const skewed = tencentSms(config(), () => new Date(Date.now() - 10 * 60_000));
    expect(await skewed.send("13900000003", MESSAGE)).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining("AuthFailure.SignatureExpire"),
    });
    tencent.mode = "throttled";
    expect(await tencentSms(config()).send("13900000003", MESSAGE)).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining("LimitExceeded"),
    });
    tencent.mode = "down";
    expect(await tencentSms(config()).send("13900000003", MESSAGE)).toMatchObject({ ok: false, retryable: true });
    tencent.mode = "ok";
  });
});

describe("WeCom group robot adapter", () => {
  it("posts one text message mentioning the members by phone", async () => {
    wecom.mode = "ok";
    expect(await wecomRobot(wecom.url).post(["13900000001", "13900000004"], MESSAGE)).toEqual({ ok: true, ref: null });
    const posted = JSON.parse(wecom.accepted.at(-1)?.body ?? "{}") as { text: { content: string; mentioned_mobile_list: string[] } };
    expect(posted.text.mentioned_mobile_list).toEqual(["13900000001", "13900000004"]);
    expect(posted.text.content).toContain("村委会二楼会议室");
    expect(posted.text.content).toContain(MESSAGE.url);
  });

  it("cuts a long message to the 2048 bytes the robot takes; a wrong key is not retried, throttling is", async () => {
    expect(await wecomRobot(wecom.url).post([], { ...MESSAGE, place: "很长的地点".repeat(200) })).toEqual({ ok: true, ref: null });
    const posted = JSON.parse(wecom.accepted.at(-1)?.body ?? "{}") as { text: { content: string } };
    expect(Buffer.byteLength(posted.text.content, "utf8")).toBeLessThanOrEqual(2048);
    expect(await wecomRobot(wecom.url.replace("robot-key-1", "other")).post([], MESSAGE)).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining("93000"),
    });
    wecom.mode = "throttled";
    expect(await wecomRobot(wecom.url).post([], MESSAGE)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining("45009") });
    wecom.mode = "ok";
  });
});
