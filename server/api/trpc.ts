import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Tx } from "@/db";
import type { MemberRole } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { WorkspaceActor } from "@/server/audit/actor";
import { type AuditEvent, recordAudit } from "@/server/audit/record";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import {
  findAccessBySlug,
  findWorkspaceById,
  roleAtLeast,
  type WorkspaceAccess,
} from "@/server/workspaces/access";
import type { Context } from "./context";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zodFieldErrors =
      cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined;
    const appFieldErrors = cause instanceof AppError ? cause.fieldErrors : undefined;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Users see safe messages only; the cause of an internal error is in the logs.
      message: internal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: (zodFieldErrors ?? appFieldErrors ?? null) as Record<string, string[]> | null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Maps domain errors to tRPC codes and logs what users must not see. */
const errorMapping = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  if (error.cause instanceof AppError) {
    throw new TRPCError({
      code: error.cause.code,
      message: error.cause.message,
      cause: error.cause,
    });
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    log.error("procedure failed", { path, type, error: error.cause ?? error });
    // Logged above, with its SQL and code. What travels on carries no cause: a failed query's
    // message holds its parameters, and a server component that calls this procedure rethrows
    // the error for Next.js to print whole.
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: `${path} failed; the server log has the details`,
    });
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

/** A signed-in user or a valid API key. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: ctx.rejectedApiKey
        ? "This API key is invalid or has been revoked"
        : "Please sign in",
    });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export type WorkspaceContext = {
  tx: Tx;
  workspace: WorkspaceAccess["workspace"];
  actor: WorkspaceActor;
  /** Records the mutation's audit row in the same transaction. */
  audit: (event: AuditEvent) => Promise<void>;
  /** The mutation wrote nothing (a rejected import, a dry run): no generic audit row. */
  nothingChanged: () => void;
};

type AuthedContext = Context & { actor: NonNullable<Context["actor"]> };

/** Membership (or the key's own workspace), checked the same way for every workspace procedure. */
async function resolveWorkspace(
  ctx: AuthedContext,
  type: "query" | "mutation" | "subscription",
): Promise<{ workspace: WorkspaceAccess["workspace"]; actor: WorkspaceActor }> {
  const { actor } = ctx;
  let access: WorkspaceAccess | null;
  if (actor.type === "api_key") {
    const workspace = await findWorkspaceById(ctx.db, actor.workspaceId);
    access = workspace ? { workspace, role: actor.scope === "write" ? "admin" : "agent" } : null;
    if (access && ctx.workspaceSlug && ctx.workspaceSlug !== access.workspace.slug) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "This API key belongs to another workspace",
      });
    }
    if (type === "mutation" && actor.scope !== "write") {
      throw new TRPCError({ code: "FORBIDDEN", message: "This API key is read-only" });
    }
  } else {
    if (!ctx.workspaceSlug) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "No workspace selected" });
    }
    access = await findAccessBySlug(ctx.db, actor.userId, ctx.workspaceSlug);
  }
  if (!access) throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found" });

  const { workspace, role } = access;
  return { workspace, actor: { ...actor, role, ip: ctx.ip } };
}

/**
 * Membership (or the key's own workspace) checked, then the whole body runs inside
 * withTenant: one transaction as the RLS-bound role. A mutation that recorded no audit row of
 * its own gets a generic one, so every change leaves a trace.
 */
export const workspaceProcedure = authedProcedure.use(async ({ ctx, next, type, path }) => {
  const { workspace, actor: workspaceActor } = await resolveWorkspace(ctx, type);
  return withTenant(ctx.db, workspace.id, async (tx) => {
    let audited = 0;
    let unchanged = false;
    const audit = async (event: AuditEvent) => {
      audited++;
      await recordAudit(tx, workspace.id, workspaceActor, event);
    };
    const nothingChanged = () => {
      unchanged = true;
    };
    const result = await next({
      ctx: { ...ctx, tx, workspace, actor: workspaceActor, audit, nothingChanged },
    });
    if (!result.ok) {
      // Throwing rolls the tenant transaction back: nothing half-written stays visible.
      throw result.error;
    }
    if (type === "mutation" && audited === 0 && !unchanged) {
      await audit({ action: path, entityType: path.split(".")[0] ?? "workspace" });
    }
    return result;
  });
});

/** Runs `fn` in a tenant transaction of the procedure's workspace. */
export type InTenant = <T>(fn: (scope: WorkspaceContext) => Promise<T>) => Promise<T>;

/**
 * For queries whose slow part needs no database (running user patterns under their time
 * budget): membership is checked exactly as for workspaceProcedure, but the tenant
 * transaction is opened only around `ctx.inTenant(fn)`, so the slow part holds no
 * connection. PGlite has one: a transaction held open stalls every other request there,
 * /api/health included.
 */
export const workspaceQueryProcedure = authedProcedure.use(async ({ ctx, next, type }) => {
  if (type !== "query") {
    throw new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: "Queries only" });
  }
  const { workspace, actor } = await resolveWorkspace(ctx, type);
  const inTenant: InTenant = (fn) =>
    withTenant(ctx.db, workspace.id, (tx) =>
      fn({
        tx,
        workspace,
        actor,
        audit: (event) => recordAudit(tx, workspace.id, actor, event),
        // Queries get no generic audit row, so there is nothing to switch off.
        nothingChanged: () => {},
      }),
    );
  return next({ ctx: { ...ctx, workspace, actor, inTenant } });
});

/** Role guard for what changes configuration: owner > admin > agent. */
export function requireRole(minimum: MemberRole) {
  return workspaceProcedure.use(({ ctx, next }) => {
    if (!roleAtLeast(ctx.actor.role, minimum)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Only a workspace ${minimum} can do this`,
      });
    }
    return next();
  });
}

export const adminProcedure = requireRole("admin");
export const ownerProcedure = requireRole("owner");

/** Members and keys are managed by people only: a leaked key must not mint keys or invite. */
export const humanAdminProcedure = adminProcedure.use(({ ctx, next }) => {
  if (ctx.actor.type !== "user") {
    throw new TRPCError({ code: "FORBIDDEN", message: "API keys cannot manage members or keys" });
  }
  return next();
});
