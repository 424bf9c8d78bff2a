import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { inboxSettings } from "@/db/schema";
import { getAuthSecret } from "@/server/env";
import { badRequest } from "@/server/errors";
import { outboundUrlProblem } from "@/server/http/outbound-fetch";
import type { TenantScope } from "@/server/workspaces/scope";

/**
 * The inbox's per-workspace settings: the webhook signing secret and the outbound URL. HMAC
 * needs the raw secret, so it cannot be hashed: it is stored AES-256-GCM encrypted under a key
 * derived from AUTH_SECRET (a database dump alone does not reveal it). Rotating replaces it at
 * once; the new secret is shown to the admin once.
 */
function encryptionKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", getAuthSecret(), "parley-inbox", "webhook-secret-v1", 32));
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(":");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unreadable webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(data, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

export async function readInboxSettings(tx: Tx) {
  const [row] = await tx.select().from(inboxSettings).limit(1);
  return {
    outboundUrl: row?.outboundUrl ?? null,
    hasSecret: Boolean(row?.webhookSecretEncrypted),
    secretRotatedAt: row?.webhookSecretRotatedAt ?? null,
  };
}

/** The raw signing secret, or null when none was ever created. */
export async function webhookSecret(tx: Tx, workspaceId: string): Promise<string | null> {
  const [row] = await tx
    .select({ secret: inboxSettings.webhookSecretEncrypted })
    .from(inboxSettings)
    .where(eq(inboxSettings.workspaceId, workspaceId));
  return row?.secret ? decryptSecret(row.secret) : null;
}

/** A new secret replaces the old one; returned once, in the clear. */
export async function rotateWebhookSecret(scope: TenantScope): Promise<{ secret: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const encrypted = encryptSecret(secret);
  await scope.tx
    .insert(inboxSettings)
    .values({
      workspaceId: scope.workspace.id,
      webhookSecretEncrypted: encrypted,
      webhookSecretRotatedAt: sql`now()`,
    })
    .onConflictDoUpdate({
      target: inboxSettings.workspaceId,
      set: {
        webhookSecretEncrypted: encrypted,
        webhookSecretRotatedAt: sql`now()`,
        updatedAt: sql`now()`,
      },
    });
  await scope.audit({
    action: "inbox.webhookSecret.rotate",
    entityType: "workspace",
    entityId: scope.workspace.id,
  });
  return { secret };
}

export async function setOutboundUrl(scope: TenantScope, outboundUrl: string | null) {
  if (outboundUrl) {
    // SSRF guard: replies must not be posted into the server's own network (outbound-url.ts).
    const problem = await outboundUrlProblem(outboundUrl);
    if (problem) throw badRequest(problem, { outboundUrl: [problem] });
  }
  await scope.tx
    .insert(inboxSettings)
    .values({ workspaceId: scope.workspace.id, outboundUrl })
    .onConflictDoUpdate({
      target: inboxSettings.workspaceId,
      set: { outboundUrl, updatedAt: sql`now()` },
    });
  await scope.audit({
    action: "inbox.settings.update",
    entityType: "workspace",
    entityId: scope.workspace.id,
  });
  return readInboxSettings(scope.tx);
}
