import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, both ways: HMAC-SHA256 over `<timestamp>.<raw body>` with the workspace's
 * secret, sent as `X-Parley-Timestamp: <unix seconds>` and `X-Parley-Signature: sha256=<hex>`.
 * The timestamp is inside the signed text, so a captured request cannot be replayed later with a
 * fresh timestamp; outside the window it is refused.
 */
export const TIMESTAMP_HEADER = "x-parley-timestamp";
export const SIGNATURE_HEADER = "x-parley-signature";
export const WORKSPACE_HEADER = "x-parley-workspace-id";
/** How far a request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export function signBody(secret: string, timestamp: number, body: string | Uint8Array): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

export function verifySignature(options: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
  nowSeconds?: number;
  windowSeconds?: number;
}): SignatureCheck {
  const { timestamp, signature } = options;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: "missing" };
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const window = options.windowSeconds ?? SIGNATURE_WINDOW_SECONDS;
  if (Math.abs(now - Number(timestamp)) > window) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signBody(options.secret, Number(timestamp), options.body));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "mismatch" };
  }
  return { ok: true };
}

/** Headers for an outbound request signed now. */
export function signedHeaders(secret: string, body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    "content-type": "application/json",
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
  };
}
