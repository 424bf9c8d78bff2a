/**
 * What an oversized request body costs the server: time to the 413 and the server's peak RSS
 * (VmHWM) before and after, for 120 MB sent to `auth.signUp` unauthenticated, streamed without
 * a Content-Length (the server must count) and with one declared (refused before reading).
 *   DATABASE_URL=postgres://... npx tsx bench/request-size.ts [--mb 120] [--port 3291]
 * Needs a build (`npx next build`). Prints one JSON object.
 */
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { parseArgs } from "node:util";
import { startServer, stopServer } from "./http-session";

const { values } = parseArgs({
  options: { mb: { type: "string", default: "120" }, port: { type: "string", default: "3291" } },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("bench/request-size.ts: set DATABASE_URL (PostgreSQL)");
  process.exit(1);
}
const port = Number(values.port);
const totalBytes = Number(values.mb) * 1024 * 1024;

/** Every process under `root` (the server and anything it started), by walking /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === found[i]) found.push(pid);
  }
  return found;
}

/** The largest process under root (the Next.js server), with current and peak RSS in MB. */
function serverMemory(root: number): { rssMb: number; peakMb: number } {
  let best = { rssMb: 0, peakMb: 0 };
  for (const pid of descendants(root)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      const rssMb = Math.round(kb("VmRSS") / 1024);
      if (rssMb > best.rssMb) best = { rssMb, peakMb: Math.round(kb("VmHWM") / 1024) };
    } catch {
      // exited meanwhile
    }
  }
  return best;
}

/** Sends up to `bytes` in 64 KB chunks until the server answers; resolves with the answer. */
function send(bytes: number, declareLength: boolean) {
  return new Promise<{ status: number; ms: number; sentMb: number; body: string }>(
    (resolve, reject) => {
      const started = performance.now();
      let sent = 0;
      let answered = false;
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/trpc/auth.signUp",
        headers: {
          "content-type": "application/json",
          ...(declareLength ? { "content-length": String(bytes) } : {}),
        },
      });
      req.on("response", (res) => {
        answered = true;
        const ms = Math.round(performance.now() - started);
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, ms, sentMb: Math.round(sent / 1048576), body }),
        );
      });
      req.on("error", (error) => {
        if (!answered) reject(error);
      });
      const chunk = Buffer.alloc(64 * 1024, 97);
      const pump = () => {
        while (!answered && sent < bytes) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    },
  );
}

const server = await startServer(port, {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-0123456789abcdef",
});
try {
  const root = server.pid ?? 0;
  // Warm up the route so its code is loaded before measuring.
  for (let i = 0; i < 5; i++) await send(1024, true);
  const before = serverMemory(root);
  const streamed = await send(totalBytes, false);
  const afterStreamed = serverMemory(root);
  const declared = await send(totalBytes, true);
  const afterDeclared = serverMemory(root);
  console.log(
    JSON.stringify({
      benchmark: "request-size",
      bodyMb: Number(values.mb),
      before,
      streamed: { status: streamed.status, msTo413: streamed.ms, clientSentMb: streamed.sentMb },
      afterStreamed,
      declared: { status: declared.status, msTo413: declared.ms, clientSentMb: declared.sentMb },
      afterDeclared,
    }),
  );
} finally {
  await stopServer(server);
}
