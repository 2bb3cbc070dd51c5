/**
 * The one error type of Yishi. Every refusal a user can meet is an AppError with a code from a closed set;
 * each code maps once to an HTTP status, a socket ack error and words in zh-CN and en (messages/*.json, key
 * `errors.<code>`).
 */
export const ERROR_CODES = [
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "payload_too_large",
  "quorum_not_met",
  "not_entitled",
  "recused",
  "vote_closed",
  "already_voted",
  "matter_kind_mismatch",
  "recusal_too_late",
  "pre_review_required",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  quorum_not_met: 409,
  not_entitled: 403,
  recused: 403,
  vote_closed: 409,
  already_voted: 409,
  matter_kind_mismatch: 409,
  recusal_too_late: 409,
  pre_review_required: 409,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field at fault, where there is one (e.g. "present"). */
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  /** Plain data for an HTTP body or a socket ack; never a stack trace. */
  toJSON(): { code: ErrorCode; message: string; field?: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, field: this.field, details: this.details };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (typeof error === "object" && error !== null && (error as { name?: string }).name === "AppError");
}
