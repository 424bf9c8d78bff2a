/**
 * Reading the error shape of server/api/trpc.ts (`error.data.code`, `error.data.fieldErrors`)
 * from whatever a mutation or query rejected with.
 */
export type FieldErrors = Record<string, string[] | undefined>;

type ErrorData =
  | { code?: string; fieldErrors?: Record<string, string[]> | null }
  | null
  | undefined;

function errorData(error: unknown): ErrorData {
  if (error && typeof error === "object" && "data" in error) {
    return (error as { data?: ErrorData }).data;
  }
  return undefined;
}

export function fieldErrorsOf(error: unknown): FieldErrors {
  return errorData(error)?.fieldErrors ?? {};
}

export function errorCodeOf(error: unknown): string | undefined {
  return errorData(error)?.code;
}

/**
 * The message to show above a form. When the server already explained the problem next to the
 * fields, a short summary is enough.
 */
const NETWORK_FAILURE =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|fetch failed)$/i;

export function formErrorMessage(
  error: unknown,
  fallback = "Something went wrong. Please try again.",
): string | null {
  if (!error) return null;
  const fields = errorData(error)?.fieldErrors;
  if (fields && Object.keys(fields).length > 0) return "Please fix the highlighted fields.";
  if (error instanceof Error && error.message) {
    // A network failure surfaces as fetch's TypeError, which the tRPC client wraps with the
    // browser's own words ("Failed to fetch", "NetworkError when…", "Load failed").
    if (error.name === "TypeError" || NETWORK_FAILURE.test(error.message)) {
      return "Could not reach the server. Check your connection and try again.";
    }
    return error.message;
  }
  return fallback;
}
