import { APICallError, RetryError } from "ai";
import { AppError } from "@/server/errors";
import type { AiCallOutcome } from "./usage";

export type Classified = {
  outcome: Exclude<AiCallOutcome, "ok">;
  retryable: boolean;
  /** For rate limits: what the provider asked for (Retry-After), in seconds. */
  retryAfterSeconds: number | null;
  /** Safe to show: no key, no prompt. */
  detail: string;
};

function retryAfter(headers: Record<string, string> | undefined): number | null {
  if (!headers) return null;
  const ms = Number(headers["retry-after-ms"]);
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const value = headers["retry-after"];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The SSRF guard's refusal (server/http/outbound-url.ts) anywhere in the cause chain. */
function outboundRefusal(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const transient = (current as { transient?: boolean }).transient === true;
    if (current.name === "OutboundUrlError" && !transient) return current.message;
    current = current.cause;
  }
  return null;
}

/** What went wrong with one provider call, in the terms the usage log and the user need. */
export function classifyAiError(error: unknown, timedOut: boolean): Classified {
  if (timedOut)
    return { outcome: "timed_out", retryable: false, retryAfterSeconds: null, detail: "timed out" };
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode ?? 0;
    if (status === 429) {
      return {
        outcome: "rate_limited",
        retryable: true,
        retryAfterSeconds: retryAfter(cause.responseHeaders),
        detail: "HTTP 429",
      };
    }
    if (status >= 400 && status < 500) {
      const hint = status === 401 || status === 403 ? " (check the API key in Settings → AI)" : "";
      return {
        outcome: "refused",
        retryable: false,
        retryAfterSeconds: null,
        detail: `HTTP ${status}${hint}`,
      };
    }
    return {
      outcome: "failed",
      retryable: cause.isRetryable || status >= 500 || status === 0,
      retryAfterSeconds: null,
      detail: status ? `HTTP ${status}` : "no answer",
    };
  }
  const blocked = outboundRefusal(cause);
  if (blocked) {
    return {
      outcome: "refused",
      retryable: false,
      retryAfterSeconds: null,
      detail: `the workspace's server URL ${blocked} (not called)`,
    };
  }
  const name = cause instanceof Error ? cause.name : "";
  if (/NoObjectGenerated|NoOutputGenerated|JSONParse|TypeValidation/.test(name)) {
    return {
      outcome: "invalid_output",
      retryable: true,
      retryAfterSeconds: null,
      detail: "malformed answer",
    };
  }
  // fetch failures (connection refused, DNS) surface as TypeError("fetch failed").
  return {
    outcome: "failed",
    retryable: true,
    retryAfterSeconds: null,
    detail: "could not reach the provider",
  };
}

/** The API error a caller sees once retries are spent. */
export function aiAppError(c: Classified, attempts: number, timeoutMs: number): AppError {
  switch (c.outcome) {
    case "timed_out":
      return new AppError(
        "GATEWAY_TIMEOUT",
        `The AI provider did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s. Try again later.`,
      );
    case "rate_limited":
      return new AppError(
        "TOO_MANY_REQUESTS",
        `The AI provider is rate-limiting requests; retry in ${c.retryAfterSeconds ?? 60} s.`,
      );
    case "refused":
      return new AppError("BAD_GATEWAY", `The AI provider refused the request: ${c.detail}.`);
    case "invalid_output":
      return new AppError(
        "BAD_GATEWAY",
        `The AI provider's answer was not in the expected form ${attempts} times. Nothing was saved.`,
      );
    case "failed":
      return new AppError(
        "BAD_GATEWAY",
        `The AI provider failed (${c.detail}) after ${attempts} attempt${attempts === 1 ? "" : "s"}. Try again later.`,
      );
  }
}

export const notConfiguredError = (enabled: boolean) =>
  new AppError(
    "PRECONDITION_FAILED",
    enabled
      ? "No AI provider is configured for this workspace. An admin can set one in Settings → AI."
      : "AI is switched off for this workspace (Settings → AI).",
  );
