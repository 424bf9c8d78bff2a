import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/server/errors";

/**
 * Users are global rows outside any tenant; these run as the connection's own user (like the
 * Auth.js adapter and the credentials check), never inside a tenant transaction.
 */
export async function findUserByEmail(
  db: Database,
  email: string,
): Promise<{ id: string; email: string; name: string | null } | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

/** Must run before the transaction switches to the application role, which cannot insert users. */
export async function insertUser(
  tx: Tx,
  input: { name: string; email: string; passwordHash: string },
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.insert(users).values({ id, ...input });
  return id;
}

export const emailTaken = () =>
  new AppError("CONFLICT", "An account with this email already exists", {
    email: ["An account with this email already exists. Sign in instead."],
  });
