import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDatabase } from "@/db";
import { workspaces } from "@/db/schema";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { createApiKey } from "@/server/api-keys/api-keys";
import { hashPassword } from "@/server/auth/password";
import { safeName } from "@/server/validation/text";
import { findUserByEmail, insertUser } from "@/server/workspaces/accounts";
import { createWorkspaceWithOwner } from "@/server/workspaces/create-workspace";
import { emailSchema, passwordSchema, workspaceNameSchema } from "@/server/workspaces/schemas";

/** Same rules as the sign-up form; the first failing field is the error message. */
function parse<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`--${flag}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}

/**
 * A workspace owned by `ownerEmail`. An existing account is reused as it is (its password is
 * not touched); otherwise the account is created with `password`, in the same transaction.
 */
export async function createWorkspaceCommand(input: {
  name: string;
  ownerEmail: string;
  password?: string;
}) {
  const name = parse(workspaceNameSchema, input.name, "name");
  const email = parse(emailSchema, input.ownerEmail, "owner-email");
  const { db } = await getDatabase();
  const existing = await findUserByEmail(db, email);
  if (existing) {
    const workspace = await createWorkspaceWithOwner(db, {
      name,
      owner: { userId: existing.id, email, name: existing.name },
      ip: null,
    });
    return { workspace, owner: { id: existing.id, email, created: false } };
  }
  const password = parse(passwordSchema, input.password, "password");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await insertUser(tx, {
      name: email.split("@")[0] ?? email,
      email,
      passwordHash,
    });
    const workspace = await createWorkspaceWithOwner(tx, {
      name,
      owner: { userId, email, name: null },
      ip: null,
    });
    return { workspace, owner: { id: userId, email, created: true } };
  });
}

/** A key for the workspace with this slug; the secret is printed once and stored hashed. */
export async function createApiKeyCommand(input: {
  workspaceSlug: string;
  name: string;
  scope: string;
}) {
  const name = parse(safeName({ max: 80, label: "The key name" }), input.name, "name");
  const scope = parse(z.enum(["read", "write"]), input.scope, "scope");
  const { db } = await getDatabase();
  // The operator's own lookup by slug, as the table owner: the CLI is not a tenant request.
  const [workspace] = await db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.slug, input.workspaceSlug.trim().toLowerCase()))
    .limit(1);
  if (!workspace) throw new Error(`no workspace with slug "${input.workspaceSlug}"`);
  return runInWorkspace(db, await systemAccess(db, workspace.id), async (scopeForCli) => {
    const { key, apiKey } = await createApiKey(scopeForCli, { name, scope });
    return {
      key,
      id: apiKey.id,
      name: apiKey.name,
      prefix: apiKey.prefix,
      scope: apiKey.scope,
      workspace: workspace.slug,
    };
  });
}
