import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import type { Tx } from "@/db";
import type { MemberRole } from "@/db/schema";
import { consumeApiQuota, quotaHeaders } from "@/server/access/rate-limit";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { resolveWorkspaceAccess } from "@/server/access/workspace-access";
import type { WorkspaceActor } from "@/server/audit/actor";
import type { AuditEvent } from "@/server/audit/record";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import { suggestionInputsChanged } from "@/server/suggestions/serving";
import { roleAtLeast, type WorkspaceAccess } from "@/server/workspaces/access";
import type { Context } from "./context";
import { superjsonWire } from "./transformer";

/** Procedure metadata: `cost` is how many rate-limit tokens an API-key call takes (default 1). */
export type ProcedureMeta = { cost?: number };

const builder = initTRPC.context<Context>().meta<ProcedureMeta>();

const t = builder.create({
  transformer: superjsonWire,
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

/** The signed-in user or valid API key making the call; 401 without one. */
function requireActor(ctx: Context): NonNullable<Context["actor"]> {
  if (!ctx.actor) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: ctx.rejectedApiKey
        ? "This API key is invalid or has been revoked"
        : "Please sign in",
    });
  }
  return ctx.actor;
}

/**
 * A signed-in user or a valid API key.
 *
 * The workspace tiers below check the caller with requireActor in their own middleware rather
 * than extending this one, and every middleware passes `next` only the context fields it adds
 * (tRPC merges them into the context): each level of tRPC's middleware chain copies the call's
 * options and context on every call, ≈ 0.8 % of the server's CPU per level when serving
 * suggestions under load (bench/suggest-http.ts profile).
 */
export const authedProcedure = publicProcedure.use(({ ctx, next }) =>
  next({ ctx: { actor: requireActor(ctx) } }),
);

export type WorkspaceContext = {
  tx: Tx;
  workspace: WorkspaceAccess["workspace"];
  actor: WorkspaceActor;
  /** Records the mutation's audit row in the same transaction. */
  audit: (event: AuditEvent) => Promise<void>;
  /** The mutation wrote nothing (a rejected import, a dry run): no generic audit row. */
  nothingChanged: () => void;
};

/**
 * The caller admitted to the workspace by server/access (the same check every entrance uses),
 * then API keys charged against their rate limits (a procedure's `meta.cost`, default 1).
 * Shared by every workspace procedure.
 */
async function resolveWorkspace(
  ctx: Context,
  type: "query" | "mutation" | "subscription",
  meta: ProcedureMeta | undefined,
) {
  const actor = requireActor(ctx);
  const access = await resolveWorkspaceAccess(ctx.db, ctx, {
    workspaceSlug: ctx.workspaceSlug,
    intent: type === "mutation" ? "write" : "read",
    ip: ctx.ip,
  });
  if (actor.type === "api_key") {
    const quota = await consumeApiQuota(ctx.db, {
      workspaceId: access.workspace.id,
      keyId: actor.keyId,
      cost: meta?.cost,
    });
    for (const [name, value] of Object.entries(quotaHeaders(quota))) {
      ctx.resHeaders?.set(name, value);
    }
    if (!quota.allowed) {
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `Rate limit reached for this API key; retry in ${quota.retryAfterSeconds} s`,
      );
    }
  }
  // Requests only ever resolve to people and keys; the system scope is for the worker and CLI.
  return { access, workspace: access.workspace, actor: access.actor as WorkspaceActor };
}

/**
 * Then the whole body runs in one tenant transaction (runInWorkspace). A mutation that
 * recorded no audit row of its own gets a generic one, so every change leaves a trace.
 *
 * After a mutation has committed, this process forgets what it kept of the workspace's
 * suggestion inputs (server/suggestions/workspace-inputs.ts): the same client's next suggestion
 * sees its own template edit, AI switch or feedback without waiting for the commit's NOTIFY.
 * Coarse on purpose (one rule, here, for every mutation): a forgotten copy costs one re-read.
 */
export const workspaceProcedure = publicProcedure.use(async ({ ctx, next, type, path, meta }) => {
  const { access, actor: workspaceActor } = await resolveWorkspace(ctx, type, meta);
  const result = await runInWorkspace(ctx.db, access, async (scope) => {
    const { tx, workspace, audit } = scope;
    let unchanged = false;
    const nothingChanged = () => {
      unchanged = true;
    };
    const result = await next({
      ctx: { tx, workspace, actor: workspaceActor, audit, nothingChanged },
    });
    if (!result.ok) {
      // Throwing rolls the tenant transaction back: nothing half-written stays visible.
      throw result.error;
    }
    if (type === "mutation" && scope.auditCount() === 0 && !unchanged) {
      await audit({ action: path, entityType: path.split(".")[0] ?? "workspace" });
    }
    return result;
  });
  if (type === "mutation") suggestionInputsChanged(access.workspace.id);
  return result;
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
export const workspaceQueryProcedure = publicProcedure.use(async ({ ctx, next, type, meta }) => {
  if (type !== "query") {
    throw new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: "Queries only" });
  }
  const { access, workspace, actor } = await resolveWorkspace(ctx, type, meta);
  const inTenant: InTenant = (fn) =>
    runInWorkspace(ctx.db, access, (scope) =>
      fn({
        tx: scope.tx,
        workspace,
        actor,
        audit: scope.audit,
        // Queries get no generic audit row, so there is nothing to switch off.
        nothingChanged: () => {},
      }),
    );
  return next({ ctx: { workspace, actor, inTenant } });
});

/**
 * For mutations whose slow part is a network call (AI providers): the same admission as
 * workspaceProcedure, but no transaction around the body; `ctx.inTenant(fn)` opens short ones
 * (read, call outside, write). Such a procedure records its own audit rows inside them. A
 * mutation's end drops the kept suggestion inputs as in workspaceProcedure.
 */
export const workspaceActionProcedure = publicProcedure.use(async ({ ctx, next, type, meta }) => {
  const { access, workspace, actor } = await resolveWorkspace(ctx, type, meta);
  const inTenant: InTenant = (fn) =>
    runInWorkspace(ctx.db, access, (scope) =>
      fn({ tx: scope.tx, workspace, actor, audit: scope.audit, nothingChanged: () => {} }),
    );
  const result = await next({ ctx: { workspace, actor, inTenant } });
  if (type === "mutation") suggestionInputsChanged(workspace.id);
  return result;
});

/** workspaceActionProcedure for admins (and write keys): AI calls cost the workspace money. */
export const adminActionProcedure = workspaceActionProcedure.use(({ ctx, next }) => {
  if (!roleAtLeast(ctx.actor.role, "admin")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only a workspace admin can do this" });
  }
  return next();
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
