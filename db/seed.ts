import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import demoConversations from "@/db/demo/inbox-conversations.json";
import { seedDemoDataset } from "@/db/demo/seed-dataset";
import { seedDemoFaq } from "@/db/demo/seed-faq";
import { seedDemoScenarios } from "@/db/demo/seed-scenarios";
import demoTemplates from "@/db/demo/templates.json";
import { memberships, templates, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { systemScopeIn } from "@/server/access/run-in-workspace";
import { type SeededAnalysis, seedDemoAnalysis } from "@/server/analysis/seed";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { findUserWithPasswordByEmail, setPasswordHash } from "@/server/auth/password-store";
import { ingestBatch } from "@/server/inbox/ingest";
import { ingestInput } from "@/server/inbox/schemas";
import { importTemplates } from "@/server/templates/store/import-export";
import { seedDemoModel } from "@/server/training/seed";

/** The demo workspace. Passwords are documented in the README and printed by `npm run demo`. */
export const DEMO = {
  workspace: {
    name: "Acme Store",
    slug: "acme",
    locale: "en-US",
    currency: "USD",
    timezone: "America/New_York",
  },
  owner: { email: "admin@acme.test", name: "Ada Admin", password: "parley-demo-admin" },
  agent: { email: "agent@acme.test", name: "Sam Agent", password: "parley-demo-agent" },
} as const;

export type SeedResult = {
  workspaceId: string;
  created: {
    workspace: boolean;
    users: number;
    templates: number;
    messages: number;
    trainingExamples: number;
    scenarios: number;
  };
  /** The demo's model: trained and deployed once (server/training/seed.ts). */
  model: Awaited<ReturnType<typeof seedDemoModel>>;
  /** The demo's first analysis, on its dataset with that model (server/analysis/seed.ts). */
  analysis: SeededAnalysis;
};

/**
 * Idempotent: a second run finds everything in place and changes nothing (it restores the
 * demo passwords and roles if someone changed them, so the README stays true).
 */
export async function seedDemo(db: Database): Promise<SeedResult> {
  let createdUsers = 0;
  const ensureUser = async (person: { email: string; name: string; password: string }) => {
    const existing = await findUserWithPasswordByEmail(db, person.email);
    if (existing) {
      const stillValid =
        existing.passwordHash && (await verifyPassword(person.password, existing.passwordHash));
      if (!stillValid) await setPasswordHash(db, existing.id, await hashPassword(person.password));
      return existing.id;
    }
    createdUsers++;
    const [row] = await db
      .insert(users)
      .values({
        email: person.email,
        name: person.name,
        passwordHash: await hashPassword(person.password),
      })
      .returning({ id: users.id });
    if (!row) throw new Error(`could not create ${person.email}`);
    return row.id;
  };
  let templatesAdded = 0;
  let messagesAdded = 0;
  let examplesAdded = 0;
  let scenariosAdded = 0;
  const ownerId = await ensureUser(DEMO.owner);
  const agentId = await ensureUser(DEMO.agent);

  // Looked up by slug as the table owner: the seed is an operator's tool, not a tenant request.
  const [found] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, DEMO.workspace.slug))
    .limit(1);
  const workspaceId = found?.id ?? crypto.randomUUID();
  await withTenant(db, workspaceId, async (tx) => {
    if (!found) {
      await tx.insert(workspaces).values({ id: workspaceId, ...DEMO.workspace });
      await recordAudit(tx, workspaceId, SYSTEM_ACTOR, {
        action: "workspace.create",
        entityType: "workspace",
        entityId: workspaceId,
        summary: { source: "seed" },
      });
    }
    for (const [userId, role] of [
      [ownerId, "owner"],
      [agentId, "agent"],
    ] as const) {
      await tx
        .insert(memberships)
        .values({ workspaceId, userId, role })
        .onConflictDoUpdate({
          target: [memberships.workspaceId, memberships.userId],
          set: { role },
        });
    }
    templatesAdded = await seedDemoTemplates(tx, { id: workspaceId, ...DEMO.workspace });
    // Open conversations for the demo agent's inbox, through the same idempotent ingest as the
    // API: a second seed stores nothing again (db/demo/inbox-conversations.json, from Bitext).
    const batch = ingestInput.parse(demoConversations);
    const { stored } = await ingestBatch(
      systemScopeIn(tx, { id: workspaceId, ...DEMO.workspace }),
      batch,
    );
    messagesAdded = stored;
    examplesAdded = await seedDemoDataset(tx, workspaceId);
    // Before the model: the seed evaluates the model it trains on them.
    scenariosAdded = await seedDemoScenarios(tx, workspaceId);
    // The FAQ the inbox's drafts (or, without a provider, its closest answers) draw on.
    await seedDemoFaq(tx, workspaceId);
  });
  // Last: it trains on the training examples everything above wrote.
  const model = await seedDemoModel(db, { id: workspaceId, ...DEMO.workspace });
  // Then an analysis of the demo dataset with that model, so Insights is not empty either.
  const analysis = await seedDemoAnalysis(db, workspaceId);
  return {
    workspaceId,
    created: {
      workspace: !found,
      users: createdUsers,
      templates: templatesAdded,
      messages: messagesAdded,
      trainingExamples: examplesAdded,
      scenarios: scenariosAdded,
    },
    model,
    analysis,
  };
}

/**
 * The demo templates (db/demo/templates.json, built by scripts/build-demo-templates.ts), added
 * through the same all-or-nothing import as the app's. Templates whose name already exists are
 * left alone, so edits made in the demo survive a second seed.
 */
async function seedDemoTemplates(
  tx: Tx,
  workspace: {
    id: string;
    name: string;
    slug: string;
    locale: string;
    currency: string;
    timezone: string;
  },
): Promise<number> {
  const existing = new Set(
    (await tx.select({ name: templates.name }).from(templates)).map((row) => row.name),
  );
  const missing = demoTemplates.templates.filter((draft) => !existing.has(draft.name));
  if (missing.length === 0) return 0;
  const result = await importTemplates(systemScopeIn(tx, workspace), {
    format: "json",
    content: JSON.stringify({ ...demoTemplates, templates: missing }),
  });
  if (!result.committed) {
    throw new Error(`demo templates rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  }
  return result.imported;
}
