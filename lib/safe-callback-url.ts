/**
 * A callbackUrl from the query string, only if it is a path on this site. Anything else
 * (another origin, `//evil.example`, `javascript:`) falls back, so sign-in cannot be used as an
 * open redirect.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}

export function signInUrl(callbackUrl: string): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl })}`;
}
