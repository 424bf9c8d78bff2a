import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { users } from "@/db/schema";

/**
 * The one module that reads or changes `users.password_hash`. Everything else sees users without
 * it, so the column can be closed to the application role (or moved to its own table) by
 * changing this file alone. Runs as the connection's own user, like the Auth.js adapter.
 */
export type UserWithPassword = {
  id: string;
  email: string;
  name: string | null;
  /** null for people who only sign in with GitHub or Google. */
  passwordHash: string | null;
};

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  passwordHash: users.passwordHash,
};

export async function findUserWithPasswordByEmail(
  db: Queryable,
  email: string,
): Promise<UserWithPassword | null> {
  const [row] = await db.select(columns).from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

export async function findUserWithPasswordById(
  db: Queryable,
  userId: string,
): Promise<UserWithPassword | null> {
  const [row] = await db.select(columns).from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

export async function setPasswordHash(
  db: Queryable,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
