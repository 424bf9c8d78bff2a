/**
 * The production and development entry (`npm start`, `npm run dev`, `npm run demo`): Next.js
 * behind a plain node:http server, because only here is the TCP socket visible. Before any
 * request reaches Next.js, server/http/front-door.ts decides the client's address (socket, or
 * forwarding headers from TRUST_PROXY only), drops forged forwarding headers, sets the security
 * headers with a fresh CSP nonce, and refuses declared bodies over the largest limit.
 *
 *   tsx server.ts [--dev] [-p 3000] [-H 0.0.0.0]     (PORT and HOSTNAME work too)
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { getEnv } from "./server/env";
import { PROCEDURE_BODY_LIMITS, TRPC_BODY_LIMIT } from "./server/http/body-limit";
import { markFrontServer } from "./server/http/client-address";
import { prepareRequest } from "./server/http/front-door";
import { parseTrustProxy } from "./server/http/trust-proxy";
import { refuseToStartOnBadConfiguration } from "./server/startup";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = values.dev ?? false;
// Next.js reads NODE_ENV when it loads; `next start` sets it the same way.
(process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";

// Misconfiguration stops the server here, with one line naming the variable, instead of
// every request failing later with a 500.
refuseToStartOnBadConfiguration();

const env = getEnv();
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";
const options = {
  trust: parseTrustProxy(env.TRUST_PROXY),
  appUrlHttps: env.APP_URL?.startsWith("https:") ?? false,
  dev,
  maxBodyBytes: Math.max(TRPC_BODY_LIMIT, ...Object.values(PROCEDURE_BODY_LIMITS)),
};

markFrontServer();
const { default: next } = await import("next");
const httpServer = createServer();
const app = next({ dev, hostname, port, httpServer });
const handle = app.getRequestHandler();
await app.prepare();
httpServer.on("request", (req, res) => {
  if (!prepareRequest(req, res, options)) return;
  void handle(req, res);
});
httpServer.listen(port, hostname, () => {
  console.log(
    `Parley listening on http://${hostname}:${port} (${dev ? "development" : "production"})`,
  );
});
