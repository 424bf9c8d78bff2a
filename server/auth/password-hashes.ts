import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { users } from "@/db/schema";

/**
 * Where users.password_hash is read and changed. The application role (parley_app) has no
 * privilege on that column (migration 0007), so these run as the connection's own role and
 * never inside withTenant / withUser / withLookup, where they would fail with "permission
 * denied". New accounts get their hash in insertUser (server/workspaces/accounts.ts), which
 * runs before any role switch for the same reason.
 */
export type PasswordLogin = {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string | null;
};

export async function findPasswordLogin(
  db: Queryable,
  email: string,
): Promise<PasswordLogin | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

export async function setPasswordHash(
  db: Queryable,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
