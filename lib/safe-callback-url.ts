/**
 * Where to send the browser after signing in: only a path on this site. The value is parsed
 * with `URL` against the site's own origin, exactly as a browser would resolve it, so tricks
 * the browser would undo (a tab or newline inside `/\t/evil.test`, backslashes, `/.//evil`)
 * are seen for what they are. Anything that resolves to another origin, or fails to parse,
 * falls back to the workspace home. The result is re-serialised by `URL`, so it is plain ASCII
 * (percent-encoded) and safe to put in a `Location` header.
 */

/** Used when the caller does not know the request's origin: only relative paths pass then. */
const PLACEHOLDER_ORIGIN = "http://parley.invalid";

export type CallbackOptions = {
  /** The site's own origin (APP_URL or the request's); absolute URLs on it are accepted. */
  origin?: string | null;
  /** Where to go when the value is missing or unsafe. */
  fallback?: string;
};

export function safeCallbackUrl(
  value: string | string[] | undefined | null,
  options: CallbackOptions = {},
): string {
  const fallback = options.fallback ?? "/";
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  const base = originOf(options.origin) ?? PLACEHOLDER_ORIGIN;
  let url: URL;
  try {
    url = new URL(raw, `${base}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // `/.//evil.test` resolves to the path `//evil.test`, which a browser reads as another host.
  const path = url.pathname.replace(/^\/{2,}/, "/");
  return `${path}${url.search}${url.hash}`;
}

function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function signInUrl(callbackUrl: string): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl })}`;
}
