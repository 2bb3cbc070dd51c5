/**
 * Local stand-ins for the SMS and WeCom services, on 127.0.0.1 and port 0, for the adapters' tests. Each checks the
 * request the way the provider documents (its own code here, not the adapter's) and answers with the documented
 * bodies: success, a refused signature, throttling, or an outage (`mode`). They record what they accepted.
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type Mode = "ok" | "throttled" | "down";

export type FakeProvider = {
  url: string;
  mode: Mode;
  /** Requests whose signature checked out, in order. */
  accepted: { phones: string[]; body: string }[];
  /** Requests refused for their signature or credentials. */
  refused: string[];
  close(): Promise<void>;
};

async function listen(handle: (req: IncomingMessage, body: string, res: ServerResponse, fake: FakeProvider) => void, path = "/"): Promise<FakeProvider> {
  const fake = { mode: "ok", accepted: [], refused: [] } as unknown as FakeProvider;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (fake.mode === "down") {
        res.writeHead(503, { "content-type": "text/html" }).end("<html>503 Service Temporarily Unavailable</html>");
        return;
      }
      handle(req, Buffer.concat(chunks).toString("utf8"), res, fake);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  fake.url = `http://127.0.0.1:${port}${path}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json;charset=utf-8" }).end(JSON.stringify(body));

// ——— Aliyun dysmsapi, RPC signature v1.0 ———

const pct = (s: string) =>
  encodeURIComponent(s)
    .replace(/\+/g, "%20")
    .replace(/\*/g, "%2A")
    .replace(/%7E/g, "~")
    .replace(/!/g, "%21")
    .replace(/'/g, "%27")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29");

export function aliyunExpectedSignature(method: string, params: URLSearchParams, secret: string): string {
  const pairs = [...params.entries()].filter(([k]) => k !== "Signature").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join("&");
  return createHmac("sha1", `${secret}&`)
    .update(`${method}&${pct("/")}&${pct(canonical)}`)
    .digest("base64");
}

export function fakeAliyun(keys: { id: string; secret: string }): Promise<FakeProvider> {
  const nonces = new Set<string>();
  return listen((req, body, res, fake) => {
    const params = new URLSearchParams(body);
    const requestId = `F8${Date.now()}`;
    if (params.get("AccessKeyId") !== keys.id) {
      fake.refused.push("InvalidAccessKeyId.NotFound");
      return json(res, 404, { RequestId: requestId, Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found." });
    }
    const nonce = params.get("SignatureNonce") ?? "";
    if (params.get("Signature") !== aliyunExpectedSignature(req.method ?? "POST", params, keys.secret) || nonces.has(nonce)) {
      fake.refused.push("SignatureDoesNotMatch");
      return json(res, 400, { RequestId: requestId, Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation." });
    }
    nonces.add(nonce);
    if (params.get("Action") !== "SendSms" || params.get("Version") !== "2017-05-25" || !/^1\d{10}$/.test(params.get("PhoneNumbers") ?? "")) {
      return json(res, 200, { RequestId: requestId, Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" });
    }
    if (fake.mode === "throttled") return json(res, 200, { RequestId: requestId, Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控Permits:1" });
    fake.accepted.push({ phones: [params.get("PhoneNumbers") as string], body });
    return json(res, 200, { RequestId: requestId, Code: "OK", Message: "OK", BizId: `9006197${fake.accepted.length}^0` });
  });
}

// ——— Tencent Cloud SMS 2021-01-11, TC3-HMAC-SHA256 ———

const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();

export function fakeTencent(keys: { id: string; secret: string }, clock: () => number = () => Date.now()): Promise<FakeProvider> {
  return listen((req, body, res, fake) => {
    const requestId = `req-${Date.now()}`;
    const fail = (code: string, message: string) => {
      fake.refused.push(code);
      return json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    };
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
      req.headers.authorization ?? "",
    );
    if (!auth) return fail("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
    const [, id, date, service, signed, signature] = auth as unknown as [string, string, string, string, string, string];
    if (id !== keys.id) return fail("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
    const timestamp = Number(req.headers["x-tc-timestamp"]);
    if (!Number.isFinite(timestamp) || Math.abs(clock() / 1000 - timestamp) > 300) return fail("AuthFailure.SignatureExpire", "Signature expired.");
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date || service !== "sms")
      return fail("AuthFailure.SignatureFailure", "Credential scope does not match.");
    // CanonicalHeaders: each signed header as "name:value\n", names and values in lower case, trimmed.
    const headerLines = signed
      .split(";")
      .map(
        (name) =>
          `${name}:${String(req.headers[name] ?? "")
            .trim()
            .toLowerCase()}\n`,
      )
      .join("");
    const canonical = ["POST", "/", "", headerLines, signed, createHash("sha256").update(body).digest("hex")].join("\n");
    const toSign = ["TC3-HMAC-SHA256", String(timestamp), `${date}/${service}/tc3_request`, createHash("sha256").update(canonical).digest("hex")].join("\n");
    const key = hmac(hmac(hmac(`TC3${keys.secret}`, date), service), "tc3_request");
    if (createHmac("sha256", key).update(toSign).digest("hex") !== signature)
      return fail("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
    if (req.headers["x-tc-action"] !== "SendSms" || req.headers["x-tc-version"] !== "2021-01-11") return fail("InvalidAction", "The action is not supported.");
    const request = JSON.parse(body) as { PhoneNumberSet: string[] };
    const phone = request.PhoneNumberSet[0] ?? "";
    if (fake.mode === "throttled") {
      return json(res, 200, {
        Response: {
          SendStatusSet: [
            {
              SerialNo: "",
              PhoneNumber: phone,
              Fee: 0,
              SessionContext: "",
              Code: "LimitExceeded.PhoneNumberThirtySecondLimit",
              Message: "the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit",
              IsoCode: "CN",
            },
          ],
          RequestId: requestId,
        },
      });
    }
    fake.accepted.push({ phones: request.PhoneNumberSet, body });
    return json(res, 200, {
      Response: {
        SendStatusSet: [
          { SerialNo: `2640:${fake.accepted.length}`, PhoneNumber: phone, Fee: 1, SessionContext: "", Code: "Ok", Message: "send success", IsoCode: "CN" },
        ],
        RequestId: requestId,
      },
    });
  });
}

// ——— WeCom group robot ———

export function fakeWecom(key: string): Promise<FakeProvider> {
  return listen((req, body, res, fake) => {
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname !== "/cgi-bin/webhook/send" || url.searchParams.get("key") !== key) {
      fake.refused.push("93000");
      return json(res, 200, { errcode: 93000, errmsg: "invalid webhook url" });
    }
    const message = JSON.parse(body) as { msgtype?: string; text?: { content?: string; mentioned_mobile_list?: string[] } };
    if (message.msgtype !== "text" || !message.text?.content) return json(res, 200, { errcode: 40008, errmsg: "invalid message type" });
    if (Buffer.byteLength(message.text.content, "utf8") > 2048) return json(res, 200, { errcode: 40058, errmsg: "content exceed max length 2048" });
    if (fake.mode === "throttled") return json(res, 200, { errcode: 45009, errmsg: "api freq out of limit" });
    fake.accepted.push({ phones: message.text.mentioned_mobile_list ?? [], body });
    return json(res, 200, { errcode: 0, errmsg: "ok" });
  }, `/cgi-bin/webhook/send?key=${key}`);
}
