import type { IncomingMessage, ServerResponse } from "node:http";
import { formatBytes, TOO_LARGE_HEADERS } from "./body-limit";
import { CLIENT_IP_HEADER } from "./client-address";
import { createNonce, isNoStorePath, securityHeaders } from "./security-headers";
import { isTrustedPeer, resolveClientAddress, type TrustProxy } from "./trust-proxy";

/**
 * What the front server (server.mjs) does to every request before Next.js sees it. It is the
 * only code that sees the TCP socket, so it decides who the client is and which forwarding
 * headers are believed; everything downstream reads its decisions from the request headers.
 */
export type FrontDoorOptions = {
  trust: TrustProxy;
  /** APP_URL is https: browsers reach us over TLS even if the last hop is plain HTTP. */
  appUrlHttps: boolean;
  dev: boolean;
  /** No request body anywhere may be larger (the largest per-procedure limit). */
  maxBodyBytes: number;
  /** Routes with a limit of their own, larger than maxBodyBytes (path → bytes). */
  routeBodyLimits?: Readonly<Record<string, number>>;
};

/** Headers only a trusted proxy may set; dropped from everyone else. */
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** Returns false when it has already answered (413) and Next.js must not run. */
export function prepareRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: FrontDoorOptions,
): boolean {
  const peer = req.socket.remoteAddress ?? "";
  const trustedPeer = isTrustedPeer(options.trust, peer);
  const forwardedFor = trustedPeer ? headerValue(req, "x-forwarded-for") : undefined;
  const forwardedProto = trustedPeer
    ? headerValue(req, "x-forwarded-proto")?.split(",")[0]?.trim()
    : undefined;
  if (!trustedPeer) for (const name of FORWARDING_HEADERS) delete req.headers[name];
  // Whatever the client sent under our internal names is replaced, never believed.
  req.headers[CLIENT_IP_HEADER] = resolveClientAddress(options.trust, peer, forwardedFor);

  const https =
    options.appUrlHttps ||
    forwardedProto === "https" ||
    Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const nonce = createNonce();
  const headers = securityHeaders(nonce, { https, dev: options.dev });
  // Next.js takes the nonce for its scripts from the request's CSP header.
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  delete req.headers["content-security-policy-report-only"];
  req.headers["x-nonce"] = nonce;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  if (isNoStorePath(pathname)) res.setHeader("Cache-Control", "no-store");

  // The tRPC and Auth.js routes check their own, smaller limits (and answer in their own
  // error shapes) before reading; everything else is held to the largest one here.
  const declared = Number(req.headers["content-length"] ?? "");
  const ownLimit = pathname.startsWith("/api/trpc/") || pathname.startsWith("/api/auth/");
  const limit = options.routeBodyLimits?.[pathname] ?? options.maxBodyBytes;
  if (!ownLimit && Number.isFinite(declared) && declared > limit) {
    const message = `The request body is larger than ${formatBytes(limit)}.`;
    res.writeHead(413, TOO_LARGE_HEADERS);
    res.end(JSON.stringify({ error: { message, code: "PAYLOAD_TOO_LARGE" } }));
    return false;
  }
  return true;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
