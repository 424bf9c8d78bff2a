import { and, asc, eq, inArray } from "drizzle-orm";
import { conversationMessages } from "@/db/schema";
import { insertTrainingExamples } from "@/server/training/examples/store";
import type { TenantScope } from "@/server/workspaces/scope";

/**
 * The "conversations" training source: when a conversation is resolved, each reply an agent sent
 * with a template becomes an example (the customer's latest message before it → that template),
 * source "agent_choice". The store skips examples it already has, so resolving twice (or
 * reopening and resolving again) adds nothing twice.
 */
export async function learnFromResolvedConversation(
  scope: TenantScope,
  conversationId: string,
): Promise<{ pairs: number; inserted: number }> {
  const thread = await scope.tx
    .select({
      role: conversationMessages.role,
      text: conversationMessages.text,
      templateId: conversationMessages.templateId,
    })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.conversationId, conversationId),
        inArray(conversationMessages.role, ["customer", "agent"]),
      ),
    )
    .orderBy(asc(conversationMessages.createdAt), asc(conversationMessages.id));
  const examples: { text: string; templateId: string; source: "agent_choice" }[] = [];
  let lastCustomer: string | null = null;
  for (const message of thread) {
    if (message.role === "customer") lastCustomer = message.text;
    else if (message.templateId && lastCustomer) {
      examples.push({ text: lastCustomer, templateId: message.templateId, source: "agent_choice" });
      lastCustomer = null;
    }
  }
  if (examples.length === 0) return { pairs: 0, inserted: 0 };
  // An example may already be there (suggestions.feedback records the agent's choice too).
  const { inserted } = await insertTrainingExamples(scope.tx, scope.workspace.id, examples);
  return { pairs: examples.length, inserted };
}
