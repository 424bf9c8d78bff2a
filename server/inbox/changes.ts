import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * NOTIFY channel of the inbox: the payload is the workspace id only; the event stream reads what
 * changed (conversations past its last change_seq) under the workspace's RLS.
 */
export const INBOX_CHANNEL = "inbox_changes";

/** Announces a change at commit (NOTIFY inside a transaction is delivered when it commits). */
export async function announceInboxChange(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${INBOX_CHANNEL}, ${workspaceId})`);
}

/** The change counter's next value, stamped on a conversation each time it changes. */
export const nextChangeSeq = sql`nextval('inbox_change_seq')`;
