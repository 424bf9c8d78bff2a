import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database, Tx } from "@/db";
import { type Invitation, invitations, memberships, workspaces } from "@/db/schema";
import { withLookup, withTenant } from "@/db/tenant";
import type { Actor, WorkspaceActor } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { hashSecret } from "@/server/auth/api-key-secret";
import { hashPassword } from "@/server/auth/password";
import { AppError, badRequest, forbidden, isUniqueViolation, notFound } from "@/server/errors";
import { emailTaken, findUserByEmail, insertUser } from "./accounts";

export type InvitationStatus = "open" | "expired" | "accepted" | "revoked";

export function invitationStatus(
  invitation: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">,
  now = new Date(),
): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "open";
}

/** The invitation behind a link, with its workspace's name, found by the token's hash alone. */
async function findByToken(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({
      invitation: invitations,
      workspace: { id: workspaces.id, name: workspaces.name, slug: workspaces.slug },
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** What the invite page shows. Whoever holds the link already knows the email it names. */
export async function describeInvitation(db: Database, token: string) {
  const tokenHash = hashSecret(token);
  const found = await withLookup(db, tokenHash, (tx) => findByToken(tx, tokenHash));
  if (!found) throw notFound("Invitation");
  const { invitation, workspace } = found;
  const account = await findUserByEmail(db, invitation.email.toLowerCase());
  return {
    workspaceName: workspace.name,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation),
    hasAccount: account !== null,
  };
}

const NOT_OPEN: Record<Exclude<InvitationStatus, "open">, string> = {
  expired: "This invitation has expired. Ask for a new one.",
  accepted: "This invitation has already been accepted.",
  revoked: "This invitation has been withdrawn. Ask for a new one.",
};

export type AcceptInput = { token: string; name?: string; password?: string };

/**
 * Accepts an invitation: as the signed-in user whose email it names, or, when nobody is signed
 * in and the email has no account yet, by creating that account from `name` and `password`.
 * The new user (if any), the membership, the invitation's state and the audit row are written
 * in one transaction.
 */
export async function acceptInvitation(
  db: Database,
  input: AcceptInput,
  caller: { actor: Actor | null; ip: string | null },
): Promise<{ workspace: { slug: string; name: string }; email: string }> {
  const tokenHash = hashSecret(input.token);
  const found = await withLookup(db, tokenHash, (tx) => findByToken(tx, tokenHash));
  if (!found) throw notFound("Invitation");
  const { invitation, workspace } = found;
  const status = invitationStatus(invitation);
  if (status !== "open") throw new AppError("PRECONDITION_FAILED", NOT_OPEN[status]);
  const email = invitation.email.toLowerCase();
  const acceptor = await resolveAcceptor(db, invitation.email, input, caller.actor);

  try {
    await db.transaction(async (outer) => {
      const userId =
        acceptor.kind === "new"
          ? await insertUser(outer, { ...acceptor.account, email })
          : acceptor.id;
      const who: UserWorkspaceActor = {
        type: "user",
        userId,
        email,
        name: acceptor.kind === "new" ? acceptor.account.name : acceptor.name,
        role: invitation.role,
        ip: caller.ip,
      };
      await withTenant(outer, workspace.id, (tx) => acceptInTenant(tx, invitation, who));
    });
  } catch (error) {
    // Someone signed up with this email between our check and the insert.
    if (isUniqueViolation(error, "users_email_idx")) throw emailTaken();
    throw error;
  }
  return { workspace: { slug: workspace.slug, name: workspace.name }, email };
}

type Acceptor =
  | { kind: "existing"; id: string; name: string | null }
  | { kind: "new"; account: { name: string; passwordHash: string } };

/**
 * Who accepts: the signed-in user if their email is the invited one; nobody signed in means a
 * new account, which is only allowed while no account has that email (else they must sign in,
 * so a link cannot be used to take over an existing account).
 */
async function resolveAcceptor(
  db: Database,
  invitedEmail: string,
  input: AcceptInput,
  actor: Actor | null,
): Promise<Acceptor> {
  if (actor?.type === "api_key") throw forbidden("API keys cannot accept invitations");
  if (actor?.type === "user") {
    if (actor.email.toLowerCase() !== invitedEmail.toLowerCase()) {
      throw forbidden(
        `This invitation is for ${invitedEmail}, but you are signed in as ${actor.email}. Sign out and sign in as ${invitedEmail} to accept it.`,
      );
    }
    return { kind: "existing", id: actor.userId, name: actor.name };
  }
  if (await findUserByEmail(db, invitedEmail.toLowerCase())) {
    throw new AppError("UNAUTHORIZED", `Sign in as ${invitedEmail} to accept this invitation`);
  }
  const name = input.name?.trim();
  if (!name || !input.password) {
    throw badRequest("Choose a name and a password to create your account", {
      ...(name ? {} : { name: ["Enter your name"] }),
      ...(input.password ? {} : { password: ["Choose a password"] }),
    });
  }
  return { kind: "new", account: { name, passwordHash: await hashPassword(input.password) } };
}

type UserWorkspaceActor = Extract<WorkspaceActor, { type: "user" }>;

async function acceptInTenant(tx: Tx, invitation: Invitation, who: UserWorkspaceActor) {
  // Claimed with a conditional update: of two tabs accepting at once, exactly one wins.
  const [claimed] = await tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedBy: who.userId })
    .where(
      and(
        eq(invitations.id, invitation.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning({ id: invitations.id });
  if (!claimed) throw new AppError("PRECONDITION_FAILED", "This invitation is no longer open.");

  const inserted = await tx
    .insert(memberships)
    .values({ workspaceId: invitation.workspaceId, userId: who.userId, role: invitation.role })
    .onConflictDoNothing({ target: [memberships.workspaceId, memberships.userId] })
    .returning({ role: memberships.role });
  const alreadyMember = inserted.length === 0;
  await recordAudit(tx, invitation.workspaceId, who, {
    action: "invitation.accept",
    entityType: "invitation",
    entityId: invitation.id,
    summary: { email: who.email, role: invitation.role, alreadyMember },
  });
}
