import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { aiSettings } from "@/db/schema";
import { badRequest } from "@/server/errors";
import { outboundUrlProblem } from "@/server/http/outbound-fetch";
import { safeName, safeSecret } from "@/server/validation/text";
import type { TenantScope } from "@/server/workspaces/scope";
import type { AiRegistry, ProviderSettings } from "./registry";
import { keyHint, openSecret, sealSecret } from "./secret-box";
import { AI_PROVIDERS, AI_USE_CASE_NAMES, type AiUseCase } from "./use-cases";

/** Everything the wrapper needs to call for a workspace: provider settings and its budget. */
export type WorkspaceAi = {
  enabled: boolean;
  provider: ProviderSettings;
  dailyCallLimit: number | null;
  dailyTokenLimit: number | null;
  /** Re-rank suggestions with the `rerank` model (off by default: it adds a provider round trip). */
  rerankSuggestions: boolean;
  /**
   * Train the suggestion model with the provider's embeddings of the examples as extra features,
   * and embed each incoming message when serving (off by default: a provider round trip).
   */
  embeddingFeatures: boolean;
};

/** What the browser sees: never the key itself, only whether there is one and its hint. */
export type AiSettingsView = {
  enabled: boolean;
  provider: ProviderSettings["provider"];
  baseUrl: string | null;
  models: Partial<Record<AiUseCase, string>>;
  apiKeyHint: string | null;
  /** A key is stored but cannot be opened (the server's secret changed): enter it again. */
  apiKeyUnreadable: boolean;
  dailyCallLimit: number | null;
  dailyTokenLimit: number | null;
  rerankSuggestions: boolean;
  embeddingFeatures: boolean;
  /** What "default" means on this server, or null when its environment names no provider. */
  serverDefault: string | null;
};

const modelName = safeName({ max: 120, label: "A model name" }).optional();
const modelsSchema = z.object(
  Object.fromEntries(AI_USE_CASE_NAMES.map((u) => [u, modelName])),
) as z.ZodType<Partial<Record<AiUseCase, string>>>;

export const aiSettingsInput = z
  .object({
    enabled: z.boolean(),
    provider: z.enum(AI_PROVIDERS),
    /** Only for openai-compatible; omitted or null otherwise. */
    baseUrl: z
      .url({
        protocol: /^https?$/,
        error: "must be an http(s) URL, e.g. http://127.0.0.1:11434/v1",
      })
      .max(500)
      .nullish(),
    models: modelsSchema,
    /** A new key; omitted keeps the stored one, null removes it. */
    apiKey: safeSecret({ min: 8, max: 500, label: "The API key" }).nullable().optional(),
    dailyCallLimit: z.number().int().min(1).max(1_000_000).nullable(),
    dailyTokenLimit: z.number().int().min(1).max(1_000_000_000).nullable(),
    /** Suggestions re-ranked by AI after the local ranking; omitted keeps the stored choice. */
    rerankSuggestions: z.boolean().optional(),
    /** Provider embeddings as extra model features; omitted keeps the stored choice. */
    embeddingFeatures: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.provider === "openai-compatible" && !value.baseUrl) {
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: "An OpenAI-compatible server needs its URL, e.g. http://127.0.0.1:11434/v1",
      });
    }
  });
export type AiSettingsInput = z.infer<typeof aiSettingsInput>;

async function readRow(tx: Tx, workspaceId: string) {
  const [row] = await tx.select().from(aiSettings).where(eq(aiSettings.workspaceId, workspaceId));
  return row ?? null;
}

/** The workspace's settings with its key opened, for a provider call. */
export async function loadWorkspaceAi(tx: Tx, workspaceId: string): Promise<WorkspaceAi> {
  const row = await readRow(tx, workspaceId);
  if (!row) {
    return {
      enabled: true,
      provider: { provider: "default", baseUrl: null, models: {}, apiKey: null },
      dailyCallLimit: null,
      dailyTokenLimit: null,
      rerankSuggestions: false,
      embeddingFeatures: false,
    };
  }
  return {
    enabled: row.enabled,
    provider: {
      provider: z.enum(AI_PROVIDERS).catch("default").parse(row.provider),
      baseUrl: row.baseUrl,
      models: row.models as Partial<Record<AiUseCase, string>>,
      apiKey: row.apiKeyCiphertext ? openSecret(row.apiKeyCiphertext) : null,
    },
    dailyCallLimit: row.dailyCallLimit,
    dailyTokenLimit: row.dailyTokenLimit,
    rerankSuggestions: row.rerankSuggestions,
    embeddingFeatures: row.embeddingFeatures,
  };
}

export async function getAiSettings(
  scope: TenantScope,
  registry: AiRegistry,
): Promise<AiSettingsView> {
  const row = await readRow(scope.tx, scope.workspace.id);
  const ai = await loadWorkspaceAi(scope.tx, scope.workspace.id);
  return {
    enabled: ai.enabled,
    provider: ai.provider.provider,
    baseUrl: ai.provider.baseUrl,
    models: ai.provider.models,
    apiKeyHint: row?.apiKeyHint ?? null,
    apiKeyUnreadable: Boolean(row?.apiKeyCiphertext) && ai.provider.apiKey === null,
    dailyCallLimit: ai.dailyCallLimit,
    dailyTokenLimit: ai.dailyTokenLimit,
    rerankSuggestions: ai.rerankSuggestions,
    embeddingFeatures: ai.embeddingFeatures,
    serverDefault: registry.describeDefault(),
  };
}

export async function updateAiSettings(
  scope: TenantScope,
  registry: AiRegistry,
  input: AiSettingsInput,
): Promise<AiSettingsView> {
  if (input.provider === "openai-compatible" && input.baseUrl) {
    // SSRF guard: an admin's URL must not reach the server's own network (outbound-url.ts).
    const problem = await outboundUrlProblem(input.baseUrl);
    if (problem) throw badRequest(problem, { baseUrl: [problem] });
  }
  const secret =
    input.apiKey === undefined
      ? {}
      : input.apiKey === null
        ? { apiKeyCiphertext: null, apiKeyHint: null }
        : { apiKeyCiphertext: sealSecret(input.apiKey), apiKeyHint: keyHint(input.apiKey) };
  const values = {
    enabled: input.enabled,
    provider: input.provider,
    baseUrl: input.provider === "openai-compatible" ? (input.baseUrl ?? null) : null,
    models: input.models as Record<string, string>,
    dailyCallLimit: input.dailyCallLimit,
    dailyTokenLimit: input.dailyTokenLimit,
    ...(input.rerankSuggestions === undefined
      ? {}
      : { rerankSuggestions: input.rerankSuggestions }),
    ...(input.embeddingFeatures === undefined
      ? {}
      : { embeddingFeatures: input.embeddingFeatures }),
    updatedBy: scope.actor.type === "user" ? scope.actor.userId : null,
    updatedAt: new Date(),
    ...secret,
  };
  await scope.tx
    .insert(aiSettings)
    .values({ workspaceId: scope.workspace.id, ...values })
    .onConflictDoUpdate({ target: aiSettings.workspaceId, set: values });
  await scope.audit({
    action: "ai.settings.update",
    entityType: "workspace",
    entityId: scope.workspace.id,
    // The key itself never goes into the audit log; only that it changed.
    summary: {
      enabled: input.enabled,
      provider: input.provider,
      models: input.models,
      apiKey:
        input.apiKey === undefined ? "unchanged" : input.apiKey === null ? "removed" : "replaced",
      dailyCallLimit: input.dailyCallLimit,
      dailyTokenLimit: input.dailyTokenLimit,
      rerankSuggestions: input.rerankSuggestions ?? "unchanged",
      embeddingFeatures: input.embeddingFeatures ?? "unchanged",
    },
  });
  return getAiSettings(scope, registry);
}
