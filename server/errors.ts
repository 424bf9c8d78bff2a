/**
 * The one error vocabulary of the domain layer. Domain modules throw AppError; the tRPC layer
 * maps `code` to a tRPC code (server/api/trpc.ts) and the message is what the user sees, so it
 * must be safe to show. Anything else that escapes is logged and shown as a generic failure.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PRECONDITION_FAILED"
  /** An upstream service (an AI provider) refused or failed. */
  | "BAD_GATEWAY"
  /** An upstream service (an AI provider) did not answer in time. */
  | "GATEWAY_TIMEOUT";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field name → messages, for forms (same shape as zod's flattened fieldErrors). */
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: AppErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do that") =>
  new AppError("FORBIDDEN", message);
export const conflict = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("CONFLICT", message, fieldErrors);
export const badRequest = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("BAD_REQUEST", message, fieldErrors);

/** PostgreSQL's unique_violation, raised through either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint_name?: string; constraint?: string };
    if (e.code === "23505") {
      return !constraint || e.constraint_name === constraint || e.constraint === constraint;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
