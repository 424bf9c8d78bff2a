import type { TenantScope } from "@/server/workspaces/scope";

/**
 * What the template store needs: a tenant scope (the tRPC workspace context, or one the CLI
 * builds around withTenant) plus the workspace settings that rendering formats with.
 */
export type TemplateScope = TenantScope & {
  workspace: TenantScope["workspace"] & { locale: string; currency: string; timezone: string };
};

/** The user behind a change, or null for API keys and the CLI (they are in the audit log). */
export function actingUserId(scope: TenantScope): string | null {
  return scope.actor.type === "user" ? scope.actor.userId : null;
}
