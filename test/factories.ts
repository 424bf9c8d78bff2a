import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type MemberRole, memberships, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { AiRegistry } from "@/server/ai/registry";
import { createContext, type SessionUser } from "@/server/api/context";
import { appRouter, createCaller } from "@/server/api/root";
import { hashPassword } from "@/server/auth/password";
import { CLIENT_IP_HEADER, markFrontServer } from "@/server/http/client-address";
import { listWorkspacesForUser } from "@/server/workspaces/access";

/**
 * Builders for integration tests. Every test makes its own people and workspaces with unique
 * emails, so tests never depend on each other or on cleanup.
 */
export type TestUser = SessionUser & { password: string };
export type TestWorkspace = { id: string; slug: string; name: string };
export type Caller = ReturnType<typeof createCaller>;

export const uniqueEmail = (label = "user") => `${label}-${crypto.randomUUID()}@example.test`;

type Who = { user: SessionUser; slug?: string } | { apiKey: string; slug?: string } | null;

/**
 * A caller whose context comes from the real createContext: an API key goes in as a Bearer
 * header, so key resolution (hash lookup, revocation) runs exactly as for an HTTP request.
 */
export async function callerFor(
  db: Database,
  who: Who,
  options: { ip?: string; ai?: AiRegistry } = {},
): Promise<Caller> {
  const headers = new Headers({ host: "parley.test" });
  if (options.ip) {
    // As the front server (server.mjs) would stamp it after reading the socket.
    markFrontServer();
    headers.set(CLIENT_IP_HEADER, options.ip);
  }
  if (who && "apiKey" in who) headers.set("authorization", `Bearer ${who.apiKey}`);
  if (who?.slug) headers.set("x-parley-workspace", who.slug);
  const user = who && "user" in who ? who.user : null;
  const ctx = await createContext({
    db,
    headers,
    getSessionUser: async () => user,
    ai: options.ai,
  });
  return createCaller(ctx);
}

/** A new account and workspace through the real sign-up procedure. */
export async function signUpOwner(
  db: Database,
  overrides: { name?: string; workspaceName?: string } = {},
): Promise<{ user: TestUser; workspace: TestWorkspace; caller: Caller }> {
  const email = uniqueEmail("owner");
  const password = "correct horse battery";
  const name = overrides.name ?? "Olivia Owner";
  await (await callerFor(db, null)).auth.signUp({
    name,
    email,
    password,
    workspaceName: overrides.workspaceName ?? "Acme Store",
  });
  // Sign-up answers the same for new and taken emails, so what it created is looked up.
  const created = await findSignedUp(db, email);
  if (!created) throw new Error(`sign-up created no account for ${email}`);
  const user = { id: created.userId, email, name, password };
  const caller = await callerFor(db, { user, slug: created.workspace.slug });
  return { user, workspace: created.workspace, caller };
}

/** The account with this email and its (first) workspace, or null: what a sign-up created. */
export async function findSignedUp(
  db: Database,
  email: string,
): Promise<{ userId: string; workspace: TestWorkspace } | null> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return null;
  const [first] = await listWorkspacesForUser(db, user.id);
  if (!first) return null;
  const { id, slug, name } = first.workspace;
  return { userId: user.id, workspace: { id, slug, name } };
}

let sharedHash: Promise<string> | undefined;
const TEST_PASSWORD = "member password 1";

/** A user with an account (password TEST_PASSWORD) and no membership anywhere. */
export async function createUser(db: Database, label = "user"): Promise<TestUser> {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const user = { id: crypto.randomUUID(), email: uniqueEmail(label), name: `Test ${label}` };
  await db.insert(users).values({ ...user, passwordHash: await sharedHash });
  return { ...user, password: TEST_PASSWORD };
}

/** A user who is a member of `workspace` with `role`, and a caller signed in as them there. */
export async function addMember(
  db: Database,
  workspace: TestWorkspace,
  role: MemberRole,
): Promise<{ user: TestUser; caller: Caller }> {
  const user = await createUser(db, role);
  await withTenant(db, workspace.id, (tx) =>
    tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role }),
  );
  return { user, caller: await callerFor(db, { user, slug: workspace.slug }) };
}

/** A key of the owner's workspace, and a caller that authenticates with it. */
export async function createKey(
  db: Database,
  owner: Caller,
  scope: "read" | "write",
): Promise<{ key: string; id: string; caller: Caller }> {
  const { key, apiKey } = await owner.apiKeys.create({ name: `${scope} key`, scope });
  return { key, id: apiKey.id, caller: await callerFor(db, { apiKey: key }) };
}

export type CaughtError = {
  code: TRPCError["code"];
  message: string;
  /** What a client receives, through the app's own error formatter. */
  shape: ReturnType<typeof formatShape>;
};

function formatShape(error: TRPCError) {
  return getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
}

/** Awaits a call that must fail with a tRPC error and returns it for assertions. */
export async function catchError(promise: Promise<unknown>): Promise<CaughtError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, message: error.message, shape: formatShape(error) };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/**
 * Users with this email and workspaces with this name, read as the connection's user (a
 * superuser in tests, so RLS does not hide them). Filtered rather than global counts, because
 * on PostgreSQL other test files write to the same database at the same time.
 */
export async function countRows(
  db: Database,
  filter: { email: string; workspaceName: string },
): Promise<{ users: number; workspaces: number }> {
  const [u] = await db.select({ n: count() }).from(users).where(eq(users.email, filter.email));
  const [w] = await db
    .select({ n: count() })
    .from(workspaces)
    .where(eq(workspaces.name, filter.workspaceName));
  return { users: u?.n ?? 0, workspaces: w?.n ?? 0 };
}
