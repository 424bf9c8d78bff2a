import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustProxy } from "./http/trust-proxy";

/**
 * The one place that reads process.env. Everything else imports `env` from here, so a missing
 * or malformed setting fails at start-up with a readable message instead of deep in a request.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  PGLITE_DIR: optionalString,
  AUTH_SECRET: optionalString.pipe(z.string().min(16).optional()),
  AUTH_URL: optionalString,
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  SMTP_URL: optionalString,
  SMTP_FROM: optionalString.default("Parley <no-reply@parley.local>"),
  APP_URL: optionalString.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: "must be an http(s) URL, e.g. https://support.example.com",
      })
      .optional(),
  ),
  /** Forwarding headers are believed only from these proxies (server/http/trust-proxy.ts). */
  TRUST_PROXY: optionalString.superRefine((value, ctx) => {
    try {
      parseTrustProxy(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Sign-ups allowed per IP in one window (AUTH_RATE_WINDOW_SECONDS). */
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Failed sign-ins per account and source IP before growing delays start (server/auth/rate-limit.ts). */
  AUTH_FREE_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins per account per hour from all sources together before it refuses them all. */
  AUTH_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(300),
  /** Failed sign-ins per source IP per hour across all accounts. */
  AUTH_IP_LIMIT: z.coerce.number().int().positive().default(100),
  AUTH_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  /** Calls per minute per API key (token bucket; a costly procedure takes more than one). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Calls per minute for all keys of one workspace together. */
  API_WORKSPACE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(3000),
  /**
   * `in-process`: the web process also works jobs (one machine, PGlite or PostgreSQL).
   * `off`: this web process only enqueues; `npm run worker` processes do the work.
   */
  JOBS_WORKER: z.enum(["in-process", "off"]).default("in-process"),
  /**
   * Web processes `npm start` runs on the one port (node:cluster), PostgreSQL only. Only the
   * first works jobs (as JOBS_WORKER says); the others serve requests. 1: a single process.
   */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Where a web process scores suggestion texts with the deployed model: `thread`, a worker
   * thread beside the event loop (server/suggestions/scoring-thread.ts); `event-loop`, on it.
   */
  SUGGESTION_SCORING: z.enum(["thread", "event-loop"]).default("thread"),
  /** Job types this process works (comma-separated names); unset: all of them. */
  JOBS_QUEUES: optionalString,
  /** How often a worker fails timed-out jobs, handing back those of crashed workers. */
  JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Largest dataset upload (POST /api/datasets), in MB. */
  DATASET_UPLOAD_MAX_MB: z.coerce.number().positive().default(200),
  /** On SIGTERM a worker lets running jobs finish this long, then hands them back. */
  WORKER_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).default(25),
  /** AI providers (server/ai/registry.ts). Any one of them makes AI features available. */
  OPENAI_API_KEY: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  /** Any OpenAI-compatible server (Ollama, vLLM, LM Studio), e.g. http://127.0.0.1:11434/v1. */
  AI_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AI_API_KEY: optionalString,
  /** The model AI_BASE_URL serves for text (required with AI_BASE_URL). */
  AI_MODEL: optionalString,
  /** The embedding model AI_BASE_URL serves; unset: no provider embeddings. */
  AI_EMBEDDING_MODEL: optionalString,
  /**
   * Hosts (`host` or `host:port`, comma-separated) that admin-entered URLs may reach although
   * they are loopback or private, e.g. a self-hosted model server: `127.0.0.1:11434,ollama`.
   * Everything else on the server's own network is refused (server/http/outbound-url.ts).
   */
  OUTBOUND_ALLOW_HOSTS: optionalString,
  /** Encrypts workspace AI keys at rest; unset: derived from AUTH_SECRET. */
  AI_KEYS_SECRET: optionalString.pipe(z.string().min(16).optional()),
});

export type Env = z.infer<typeof envSchema> & { PGLITE_DIR: string };

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment: ${lines.join("; ")}`);
  }
  const value = parsed.data;
  // Built at run time from the working directory so `next build` never traces the data folder.
  const pgliteDir = value.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
  return { ...value, PGLITE_DIR: pgliteDir };
}

/**
 * With the embedded database a fresh clone must run with no configuration, so a secret is
 * generated once and kept beside the data (`.data/auth-secret`). With PostgreSQL several
 * processes share sessions, so the secret must come from the environment.
 */
export const MISSING_AUTH_SECRET =
  "AUTH_SECRET is required when DATABASE_URL is set (generate one: openssl rand -base64 32)";

export function getAuthSecret(): string {
  const value = getEnv();
  if (value.AUTH_SECRET) return value.AUTH_SECRET;
  if (value.DATABASE_URL) throw new Error(MISSING_AUTH_SECRET);
  const dir = path.join(process.cwd(), ".data");
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;

/** Lazily validated so that importing a module never fails during `next build`. */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}

/**
 * Everything that would make the server answer 500 at run time, checked up front: the server
 * refuses to start with these (server.mjs, instrumentation.ts) and /api/health reports them.
 * Each problem is one line naming the variable.
 */
export function configurationProblems(): string[] {
  let value: Env;
  try {
    value = loadEnv();
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  if (value.DATABASE_URL && !value.AUTH_SECRET) problems.push(MISSING_AUTH_SECRET);
  if (value.WEB_PROCESSES > 1 && !value.DATABASE_URL) {
    problems.push(
      "WEB_PROCESSES above 1 needs DATABASE_URL (the embedded database belongs to one process)",
    );
  }
  if (value.AI_BASE_URL && !value.AI_MODEL) {
    problems.push("AI_MODEL is required with AI_BASE_URL (the model that server serves)");
  }
  return problems;
}

/** Tests change settings between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
