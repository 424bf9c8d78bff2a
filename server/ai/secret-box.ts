import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret, getEnv } from "@/server/env";

/**
 * Workspace AI keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from AI_KEYS_SECRET,
 * or from AUTH_SECRET when that is unset. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * Rotating the secret makes stored keys unreadable: admins enter them again.
 */
function key(): Buffer {
  const secret = getEnv().AI_KEYS_SECRET ?? getAuthSecret();
  return Buffer.from(hkdfSync("sha256", secret, "parley", "ai-provider-keys v1", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", iv, tag, body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plain key, or null when it cannot be opened (another secret, or tampered with). */
export function openSecret(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    return null;
  }
}

/** What the settings page shows of a key: its last four characters. */
export function keyHint(plain: string): string {
  return `…${plain.slice(-4)}`;
}
