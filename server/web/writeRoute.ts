import { NextResponse } from "next/server";
import { currentAccount } from "../auth/session";
import { type Actor, accountActor } from "../commands/actor";
import { toAppError } from "../commands/run";
import { AppError } from "../errors";
import { mediaTypeOf, readForm, readJsonObject, respond, seeOther } from "../http";
import { errorFields, logger } from "../ops/logger";
import { FormReader } from "./formReader";
import { refusalOfRequest } from "./requestGate";

type Fields = Record<string, unknown>;

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** What a plain form's answer may use: the request (cookies, host), the path parameters, the form and the way back. */
export type FormContext<K extends string> = { request: Request; params: Record<K, string>; form: FormReader | null; back: string };

type Common<K extends string, T> = {
  /** The path's dynamic segments, laid over the body's fields: a body cannot name another meeting than the URL. */
  params?: readonly K[];
  /** A plain HTML form's fields → the command's input (checkboxes, empty fields, numbers). Without it: JSON only. */
  form?: (form: FormReader, params: Record<K, string>, request: Request) => Fields | Promise<Fields>;
  /** `"none"`: the route reads no body at all (logging out, a reset whose only input is the URL). */
  body?: "none";
  /** `false`: a form only, every answer a redirect (no-JavaScript pages: logging in and out, language switches). */
  json?: false;
  /** Multipart uploads from scripts: `Accept: application/json` asks for the JSON answer. */
  jsonWhenAccepted?: true;
  /** Where a form returns: a fixed page, else the form's hidden `back` field (a path on this site) or `fallback`. */
  back?: (params: Record<K, string>, request: Request) => string;
  fallback?: string;
  /** Irreversible steps: the form must carry the ticked box `confirm` (with the value `"yes"` when so declared). */
  confirm?: true | "yes";
  /** A form sent without a session: to the login page (default), back with `?error=unauthenticated`, or an answer. */
  loggedOut?: "login" | "back" | ((context: FormContext<K>) => Response);
  /** Where a form goes after success; default: back with `?saved=1`. */
  done?: (result: T, back: string) => string;
  /** A form's success answered by something other than a redirect (a printable page, a cookie). */
  reply?: (result: T, context: FormContext<K>) => Response | Promise<Response>;
  /** A form's failure as a redirect other than back with `?error=…` (the login pages' own error words). */
  failed?: (error: AppError, context: FormContext<K>) => string;
};

export type WriteRoute<K extends string, T> = Common<K, T> &
  (
    | { anonymous?: undefined; command: (input: Fields, actor: Actor) => Promise<T> }
    /** Whoever is logged in does not matter (logging in, language switches): the command gets no actor. */
    | { anonymous: true; command: (input: Fields) => Promise<T> }
  );

/** A path on this site with the form's outcome in the query; earlier outcomes are dropped. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const url = new URL(path, "http://local");
  for (const key of ["saved", "done", "error", "field", "reason"]) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `?error=<code>&field=…&reason=…`: the page says in words what was wrong (messages `errors.*`). */
export function withError(path: string, error: AppError): string {
  const reason = error.details?.reason;
  return withQuery(path, { error: error.code, field: error.field, reason: typeof reason === "string" ? reason : undefined });
}

function backOf(form: FormReader | null, fallback: string): string {
  const back = form?.str("back");
  return back?.startsWith("/") && !back.startsWith("//") ? back : fallback;
}

/**
 * JSON in → JSON out; a form (or any other declared body) to a route with a form → a redirect. A request with no
 * declared body type did not come from a page's form (scripts, tests): it gets JSON.
 */
function answersWithJson<K extends string, T>(request: Request, route: Common<K, T>): boolean {
  if (route.json === false) return false;
  const type = mediaTypeOf(request);
  if (!route.form || type === "" || type === "application/json") return true;
  return route.jsonWhenAccepted === true && (request.headers.get("accept") ?? "").includes("application/json");
}

async function inputOf<K extends string, T>(request: Request, route: Common<K, T>, params: Record<K, string>, form: FormReader | null): Promise<Fields> {
  if (route.body === "none") return { ...params };
  if (route.form && form) return { ...(await route.form(form, params, request)), ...params };
  return { ...(await readJsonObject(request)), ...params };
}

/**
 * The one adapter for every HTTP write (issue #18). The same-origin and body-size door (server/web/requestGate.ts,
 * which the custom server already applied, asked again so that no route depends on how it was reached), the body read
 * by its content type — JSON → `{ ok, data }` JSON with the error's one HTTP status (server/errors.ts); a plain form →
 * 303 back to the page with `?saved=1`, `?done=…` or `?error=<code>&field=…&reason=…` (WeChat's browser may run no
 * JavaScript) — and one command in between. A route file is a declaration: `export const POST = writeRoute({…})`.
 */
export function writeRoute<K extends string = never, T = unknown>(route: WriteRoute<K, T>) {
  const run = (input: Fields, actor: Actor | null): Promise<T> => {
    if (route.anonymous) return route.command(input);
    if (!actor) throw new AppError("unauthenticated", "login required");
    return route.command(input, actor);
  };
  return async (request: Request, context: { params: Promise<Record<K, string>> }): Promise<Response> => {
    const params = ((await context?.params) ?? {}) as Record<K, string>;
    const refusal = refusalOfRequest(request);
    if (refusal) return NextResponse.json({ ok: false, error: refusal.toJSON() }, { status: refusal.httpStatus, headers: { "cache-control": "no-store" } });
    // A form-only route refuses JSON and other bodies in JSON, as it cannot show a page for them.
    if (route.json === false && route.body !== "none" && !FORM_TYPES.has(mediaTypeOf(request))) {
      return respond(() => Promise.reject(new AppError("invalid_input", "the body must be a form", { field: "content-type" })));
    }
    const account = route.anonymous ? null : await currentAccount();
    const actor = account ? accountActor(account.id, account.name) : null;
    if (answersWithJson(request, route)) {
      return respond(async () => {
        if (!route.anonymous && !actor) throw new AppError("unauthenticated", "login required");
        const form = route.form && route.body !== "none" && mediaTypeOf(request) !== "application/json" ? new FormReader(await readForm(request)) : null;
        return run(await inputOf(request, route, params, form), actor);
      });
    }
    const form =
      route.body === "none"
        ? new FormReader(new FormData())
        : await readForm(request)
            .then((data) => new FormReader(data))
            .catch(() => null);
    const back = route.back ? route.back(params, request) : backOf(form, route.fallback ?? "/admin");
    const formContext: FormContext<K> = { request, params, form, back };
    const failed = (error: AppError) => seeOther(route.failed ? route.failed(error, formContext) : withError(back, error));
    if (!route.anonymous && !actor) {
      if (typeof route.loggedOut === "function") return route.loggedOut(formContext);
      return seeOther(route.loggedOut === "back" ? withQuery(back, { error: "unauthenticated" }) : "/login");
    }
    if (!form) return failed(new AppError("invalid_input", "the form cannot be read"));
    const confirm = form.str("confirm");
    if (route.confirm && (route.confirm === "yes" ? confirm !== "yes" : confirm === undefined)) {
      return failed(new AppError("invalid_input", "the confirmation is not ticked", { field: "confirm" }));
    }
    try {
      const result = await run(await inputOf(request, route, params, form), actor);
      return route.reply ? await route.reply(result, formContext) : seeOther(route.done ? route.done(result, back) : withQuery(back, { saved: "1" }));
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal") logger().error(errorFields(error), "form post failed");
      return failed(appError);
    }
  };
}
