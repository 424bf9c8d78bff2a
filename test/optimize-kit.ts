import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { aiCalls, templateOptimizations } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { AiRegistry } from "@/server/ai/registry";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import type { TemplateScope } from "@/server/templates/store/template-scope";
import { testDatabase } from "./db";
import { callerFor, signUpOwner } from "./factories";
import { orderStatusDraft } from "./template-drafts";

/** Shared by the template-optimisation integration tests (server/templates/optimize/). */
let db: Database;
export async function optimizeDb(): Promise<Database> {
  db ??= await testDatabase();
  return db;
}

export const ORIGINAL =
  "Hi {customer.first_name|there}! Your order {order_id} shipped on {ship_date} and costs {total}.";
export const REWRITE =
  "Hi {customer.first_name|there}, good news: order {order_id} left our warehouse on {ship_date}. Total: {total}. Best regards";
export const good = {
  optimizedTemplate: REWRITE,
  improvementAreas: [{ area: "Tone", change: "Warmer opening" }],
};
export const dropped = {
  optimizedTemplate:
    "Hi {customer.first_name|there}, your order shipped on {ship_date} for {total}.",
  improvementAreas: [],
};

export async function setup(ai: AiRegistry) {
  const owner = await signUpOwner(db);
  const template = await owner.caller.templates.create(orderStatusDraft({ content: ORIGINAL }));
  const caller = await callerFor(db, { user: owner.user, slug: owner.workspace.slug }, { ai });
  return { ...owner, template, caller };
}

/** Tenant transactions open right now through deps(): the provider must never see one. */
let openTransactions = 0;
export const openNow = () => openTransactions;

/** The domain function with the same tenant scope tRPC would give, and short test timings. */
export function deps(
  workspaceId: string,
  ai: AiRegistry,
  session = { backoffMs: 1, timeoutMs: 5_000 },
) {
  return {
    workspaceId,
    registry: ai,
    session,
    inTenant: <T>(fn: (scope: TemplateScope) => Promise<T>) =>
      withTenant(db, workspaceId, async (tx) => {
        openTransactions++;
        try {
          return await fn({
            tx,
            workspace: {
              id: workspaceId,
              name: "w",
              slug: "w",
              locale: "en-US",
              currency: "USD",
              timezone: "UTC",
            },
            actor: SYSTEM_ACTOR,
            audit: async () => {},
          });
        } finally {
          openTransactions--;
        }
      }),
  };
}

export const callsOf = (workspaceId: string) =>
  db
    .select()
    .from(aiCalls)
    .where(eq(aiCalls.workspaceId, workspaceId))
    .orderBy(asc(aiCalls.createdAt));
export const proposalsOf = (workspaceId: string) =>
  db.select().from(templateOptimizations).where(eq(templateOptimizations.workspaceId, workspaceId));
