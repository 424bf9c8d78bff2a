import { createHash, randomBytes } from "node:crypto";

/**
 * API keys look like `pk_<8 chars>_<43 chars>`. The database keeps sha256(key) — a fast hash
 * is right here because the key has 256 bits of entropy — and the `pk_<8 chars>` prefix that
 * the UI shows so people can tell their keys apart.
 */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `pk_${randomBytes(6).toString("base64url").slice(0, 8)}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, secretHash: hashSecret(key) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return /^pk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/.test(value);
}
