import type { IncomingMessage, ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import { getEnv } from "../env";
import { refuseToStartOnBadConfiguration } from "../startup";
import { MiB, PROCEDURE_BODY_LIMITS, TRPC_BODY_LIMIT } from "./body-limit";
import { markFrontServer } from "./client-address";
import { prepareRequest } from "./front-door";
import { createHealthDoor } from "./health-door";
import { parseTrustProxy } from "./trust-proxy";

export type FrontServer = {
  dev: boolean;
  port: number;
  hostname: string;
  /** How many web processes server.mjs forks (WEB_PROCESSES; always 1 with --dev). */
  processes: number;
  /** Runs before Next.js on every request; false when it has answered already (a 413, /api/health). */
  prepare: (req: IncomingMessage, res: ServerResponse) => boolean;
};

/**
 * Everything server.mjs needs before it loads Next.js: the command line (`--dev`, `-p`, `-H`;
 * PORT and HOSTNAME work too), a configuration check that stops the process with one line per
 * problem, and the front door configured from TRUST_PROXY and APP_URL.
 */
export function setUpFrontServer(argv: string[]): FrontServer {
  const { values } = parseArgs({
    args: argv,
    options: {
      dev: { type: "boolean", default: false },
      port: { type: "string", short: "p" },
      hostname: { type: "string", short: "H" },
    },
  });
  const dev = values.dev ?? false;
  // Next.js reads NODE_ENV when it loads; `next start` and `next dev` set it the same way.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= dev
    ? "development"
    : "production";
  refuseToStartOnBadConfiguration();
  const env = getEnv();
  const options = {
    trust: parseTrustProxy(env.TRUST_PROXY),
    appUrlHttps: env.APP_URL?.startsWith("https:") ?? false,
    dev,
    maxBodyBytes: Math.max(TRPC_BODY_LIMIT, ...Object.values(PROCEDURE_BODY_LIMITS), MiB),
    // Dataset uploads stream to the database; the route counts bytes itself as well.
    routeBodyLimits: { "/api/datasets": Math.floor(env.DATASET_UPLOAD_MAX_MB * MiB) },
  };
  markFrontServer();
  const health = createHealthDoor();
  return {
    dev,
    port: Number(values.port ?? process.env.PORT ?? 3000),
    hostname: values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0",
    processes: dev ? 1 : env.WEB_PROCESSES,
    prepare: (req, res) => prepareRequest(req, res, options) && !health(req, res),
  };
}
