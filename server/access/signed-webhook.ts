import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { AppError } from "@/server/errors";
import { MiB, readBodyWithin } from "@/server/http/body-limit";
import { webhookSecret } from "@/server/inbox/settings";
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
  WORKSPACE_HEADER,
} from "@/server/inbox/signature";
import { findWorkspaceById } from "@/server/workspaces/access";
import type { ResolvedAccess } from "./workspace-access";

/** A webhook batch is at most 500 messages of up to 20,000 characters, JSON-escaped. */
export const WEBHOOK_BODY_LIMIT = 16 * MiB;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The access check for signed webhooks (systems that cannot hold an API key session): the
 * workspace named by `X-Parley-Workspace-Id`, the raw body read within its limit, and an
 * HMAC-SHA256 signature over `<timestamp>.<body>` with the workspace's secret inside the
 * timestamp window. Every failure is the same 401, so the answer does not tell which
 * workspaces exist or have a secret. The admitted caller acts as the system (audited so).
 */
export async function admitSignedWebhook(options: {
  db: Database;
  request: Request;
}): Promise<{ access: ResolvedAccess; body: Uint8Array }> {
  const { db, request } = options;
  const refused = new AppError("UNAUTHORIZED", "The webhook signature is missing, stale or wrong");
  const workspaceId = request.headers.get(WORKSPACE_HEADER)?.trim() ?? "";
  if (!UUID.test(workspaceId)) throw refused;
  const read = await readBodyWithin(request, WEBHOOK_BODY_LIMIT);
  if (!read.ok) throw new AppError("BAD_REQUEST", "The webhook body is over its 16 MB limit");
  const body = read.body ?? new Uint8Array();
  const workspace = await findWorkspaceById(db, workspaceId);
  if (!workspace) throw refused;
  const secret = await withTenant(db, workspace.id, (tx) => webhookSecret(tx, workspace.id));
  if (!secret) throw refused;
  const check = verifySignature({
    secret,
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
    body,
  });
  if (!check.ok) throw refused;
  return { access: { workspace, actor: SYSTEM_ACTOR }, body };
}
