/**
 * Structured logs: one JSON object per line in production, a readable line in development.
 * Values under keys that can hold secrets are replaced before anything is written, so a
 * careless `log.info("x", { body })` cannot leak a password or an API key.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api_?key|^key$|hash/i;
const BEARER = /\b(pk_[A-Za-z0-9]+_[A-Za-z0-9_-]+|Bearer\s+\S+)/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[deep]";
  if (typeof value === "string") return value.replace(BEARER, "[redacted]");
  if (value instanceof Error) return describeError(value, depth);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * What an error may say in a log: its name, message, SQL text, database error code and cause,
 * never query parameters. Drizzle's DrizzleQueryError puts "params: …" in its message (and so in
 * its stack), and postgres.js errors carry `parameters`: a failed insert would otherwise write
 * a password hash or an API key's hash into the log. Only whitelisted fields are copied.
 */
function describeError(error: Error, depth: number): Record<string, unknown> {
  const e = error as Error & {
    code?: unknown;
    query?: unknown;
    severity?: unknown;
    constraint_name?: unknown;
  };
  const out: Record<string, unknown> = {
    name: error.name,
    message: redact(withoutParams(error.message)),
  };
  if (typeof e.code === "string") out.code = e.code;
  if (typeof e.severity === "string") out.severity = e.severity;
  if (typeof e.constraint_name === "string") out.constraint = e.constraint_name;
  if (typeof e.query === "string") out.sql = e.query.slice(0, 2000);
  // Frames only: the stack's first line repeats the message, parameters included.
  const frames = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at\s/.test(line))
    .slice(0, 5);
  if (frames?.length) out.stack = frames.join("\n");
  if (error.cause !== undefined && depth < 4) out.cause = redact(error.cause, depth + 1);
  return out;
}

function withoutParams(message: string): string {
  const at = message.search(/\n\s*params:/);
  return at === -1 ? message : message.slice(0, at);
}

function threshold(): number {
  const level = (process.env.LOG_LEVEL ??
    (process.env.NODE_ENV === "test" ? "warn" : "info")) as Level;
  return ORDER[level] ?? ORDER.info;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const safe = fields ? (redact(fields) as Record<string, unknown>) : undefined;
  const stream = level === "error" || level === "warn" ? process.stderr : process.stdout;
  if (process.env.NODE_ENV === "production") {
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, msg: redact(message), ...safe })}\n`,
    );
  } else {
    const extra = safe && Object.keys(safe).length ? ` ${JSON.stringify(safe)}` : "";
    stream.write(`${level.toUpperCase().padEnd(5)} ${redact(message)}${extra}\n`);
  }
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
