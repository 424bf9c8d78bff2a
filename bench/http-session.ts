import { type ChildProcess, spawn } from "node:child_process";
import { npmStartNodeArgs } from "../scripts/npm-start-args";

/** Cookie jar for a scripted browser session against a running Parley server. */
export class CookieJar {
  private cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 1) continue;
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Signs in through Auth.js's credentials endpoint exactly as the sign-in form does. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.absorb(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: baseUrl }).toString(),
  });
  jar.absorb(response);
  if (!jar.header().includes("session-token")) {
    throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  }
  return jar;
}

/**
 * Starts the production server (server.mjs, as `npm start`) on a port and resolves once
 * /api/health answers 200; `cwd`: another checkout's (bench/suggest-http-ab.ts), else this one.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  cwd?: string,
): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server;
  // BENCH_SERVER_STDOUT=1 lets its stdout through (e.g. with "--trace-gc"), mixed into the bench's.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(
    "node",
    [...npmStartNodeArgs(), ...nodeArgs, "server.mjs", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: { ...process.env, ...env, NODE_ENV: "production", LOG_LEVEL: "warn" },
      stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? "inherit" : "ignore", "inherit"],
      detached: true,
      ...(cwd ? { cwd } : {}),
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopServer(child);
  throw new Error("server did not become healthy within 60 s");
}

/**
 * SIGTERM to the server's process group, SIGKILL 5 s later if it is still there; resolves once
 * it has exited (a bench that deletes its workspace first made the server's last writes fail).
 */
export function stopServer(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid || child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  // A server left running would answer the next run's health check on the same port.
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  return exited.finally(() => clearTimeout(timer));
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return Math.round((sortedMs[Math.max(0, index)] ?? 0) * 100) / 100;
}
