import { randomBytes } from "node:crypto";

/**
 * Response headers every answer carries, chosen per request by the front server (server.mjs).
 * Scripts run only with this request's nonce: Next.js reads the nonce from the request's own
 * `Content-Security-Policy` header and puts it on every script it renders (which is why pages
 * render dynamically). Styles allow 'unsafe-inline' because React writes `style` attributes
 * (the select arrow, the placeholder menu's position), which nonces cannot cover; script is
 * what matters for injection.
 */
export type SecurityContext = {
  /** Served to the browser over HTTPS (APP_URL is https, or a trusted proxy says so). */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids, and the dev overlay a websocket. */
  dev: boolean;
};

const NONCE_BYTES = 16;
/**
 * Nonces are cut from a pool of random bytes, 256 at a time: one `randomBytes` call per
 * request (through Next.js's wrapper of node:crypto) was 1.5 % of the API's CPU under load.
 * Every nonce is still 16 bytes from the CSPRNG that no other request gets.
 */
const POOL_BYTES = NONCE_BYTES * 256;
let pool = Buffer.alloc(0);
let offset = 0;

export function createNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const nonce = pool.toString("base64", offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

export function contentSecurityPolicy(nonce: string, context: SecurityContext): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${context.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    // The template editor's preview runs authors' patterns in a Web Worker made from a Blob
    // (components/templates/preview-regex-worker.ts), so a slow one cannot freeze the tab.
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self'${context.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(context.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers for every response (pages, API, assets). */
export function securityHeaders(nonce: string, context: SecurityContext): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, context),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // No includeSubDomains: other hosts under the operator's domain are not ours to decide.
    ...(context.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/**
 * API answers and signed-in pages hold one person's data: no cache may keep them. Next.js
 * already marks dynamic pages `no-store`; API routes and Auth.js get it here.
 */
export function isNoStorePath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}
