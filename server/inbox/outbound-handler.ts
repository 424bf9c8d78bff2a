import { eq } from "drizzle-orm";
import { conversationMessages, conversations } from "@/db/schema";
import { outboundFetch } from "@/server/http/outbound-fetch";
import { OutboundUrlError } from "@/server/http/outbound-url";
import { type JobHandler, PermanentJobError } from "@/server/jobs/define-job";
import type { OutboundReplyPayload } from "@/server/jobs/definitions/outbound-reply";
import { readInboxSettings, rotateWebhookSecret, webhookSecret } from "./settings";
import { signedHeaders } from "./signature";

const TIMEOUT_MS = 10_000;

/**
 * Posts one reply to the outbound webhook: read (short transaction), POST outside any
 * transaction, then record the delivery on the message. Body:
 * `{ type: "reply", conversation: { id, source, externalId }, message: { id, text, createdAt } }`.
 */
export const deliverReplyJob: JobHandler<OutboundReplyPayload> = async (context, payload) => {
  const found = await context.run(async (scope) => {
    const [row] = await scope.tx
      .select({
        id: conversationMessages.id,
        text: conversationMessages.text,
        createdAt: conversationMessages.createdAt,
        conversationId: conversations.id,
        source: conversations.source,
        externalId: conversations.externalId,
      })
      .from(conversationMessages)
      .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
      .where(eq(conversationMessages.id, payload.messageId));
    if (!row) return null;
    const { outboundUrl } = await readInboxSettings(scope.tx);
    // A workspace that set a URL but never a secret gets one now: replies are always signed.
    const secret =
      (await webhookSecret(scope.tx, scope.workspace.id)) ??
      (await rotateWebhookSecret(scope)).secret;
    return { row, outboundUrl, secret };
  });
  if (!found) return { delivered: false, reason: "message gone" };
  const setDelivery = (delivery: string, deliveryError: string | null) =>
    context.run(({ tx }) =>
      tx
        .update(conversationMessages)
        .set({ delivery, deliveryError })
        .where(eq(conversationMessages.id, payload.messageId)),
    );
  if (!found.outboundUrl) {
    await setDelivery("none", null);
    return { delivered: false, reason: "no outbound URL" };
  }
  const { row } = found;
  const body = JSON.stringify({
    type: "reply",
    conversation: { id: row.conversationId, source: row.source, externalId: row.externalId },
    message: { id: row.id, text: row.text, createdAt: row.createdAt.toISOString() },
  });
  try {
    // Checked again before the request and pinned to the checked address (DNS rebinding);
    // a redirect is not followed (it would lead to an unchecked host): a 3xx is a failure.
    const response = await outboundFetch()(found.outboundUrl, {
      method: "POST",
      headers: signedHeaders(found.secret, body),
      body,
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
    if (!response.ok) throw new Error(`outbound webhook answered ${response.status}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The SSRF guard's refusal is final (retrying would reach the same address); a name that
    // does not resolve (yet) is retried like any network failure.
    const permanent =
      (error instanceof OutboundUrlError && !error.transient) || message.includes("Invalid URL");
    await setDelivery(
      permanent || context.lastAttempt ? "failed" : "retrying",
      message.slice(0, 500),
    );
    if (permanent) throw new PermanentJobError(message);
    throw error;
  }
  await setDelivery("sent", null);
  return { delivered: true };
};
