import { z } from "zod";
import type { Database } from "@/db";
import { hashPassword } from "@/server/auth/password";
import { consumeSignUpAttempt } from "@/server/auth/rate-limit";
import { AppError, isUniqueViolation } from "@/server/errors";
import { emailTaken, findUserByEmail, insertUser } from "./accounts";
import { type CreatedWorkspace, createWorkspaceWithOwner } from "./create-workspace";
import { emailSchema, passwordSchema, personNameSchema, workspaceNameSchema } from "./schemas";

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  workspaceName: workspaceNameSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * A new account with its own workspace, all or nothing: the user row and the workspace share
 * one transaction, so a failure in the workspace part leaves no orphan account behind.
 */
export async function signUp(
  db: Database,
  input: SignUpInput,
  meta: { ip: string | null },
): Promise<{ userId: string; workspace: CreatedWorkspace }> {
  const wait = await consumeSignUpAttempt(db, meta.ip);
  if (wait > 0) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many sign-ups from this network. Try again in ${Math.ceil(wait / 60)} minutes.`,
    );
  }
  // Checked before hashing so a taken email costs no scrypt; the unique index still decides.
  if (await findUserByEmail(db, input.email)) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const userId = await insertUser(tx, {
        name: input.name,
        email: input.email,
        passwordHash,
      });
      const workspace = await createWorkspaceWithOwner(tx, {
        name: input.workspaceName,
        owner: { userId, email: input.email, name: input.name },
        ip: meta.ip,
      });
      return { userId, workspace };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_idx")) throw emailTaken();
    throw error;
  }
}
