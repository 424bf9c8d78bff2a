import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { getEnv } from "@/server/env";
import {
  blockedAddressReason,
  checkOutboundUrl,
  isAllowed,
  type OutboundOptions,
  OutboundUrlError,
  parseAllowHosts,
  resolveAll,
} from "./outbound-url";

/**
 * The DNS lookup a guarded connection uses: it resolves the name, refuses it when any address is
 * blocked, and hands the socket exactly the addresses it checked — so a name that answered
 * "public" to the save-time check cannot answer "127.0.0.1" to the connection (DNS rebinding).
 */
function guardedLookup(resolveHost: (host: string) => Promise<string[]>): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (addresses) => {
        for (const address of addresses) {
          const reason = blockedAddressReason(address);
          if (reason) {
            callback(new OutboundUrlError(`points at ${reason}: ${hostname} is ${address}`), "", 4);
            return;
          }
        }
        const entries = addresses.map((address) => ({
          address,
          family: address.includes(":") ? 6 : 4,
        }));
        const first = entries[0];
        if (!first)
          callback(new OutboundUrlError(`names a host with no address (${hostname})`, true), "", 4);
        // biome-ignore lint/suspicious/noExplicitAny: node's overloaded callback takes the array form when options.all is set
        else if (options.all) (callback as any)(null, entries);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, "", 4),
    );
  };
}

function responseHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * A `fetch` for admin-entered URLs: the URL is checked (outbound-url.ts) before every request,
 * the connection is pinned to the checked addresses, and redirects are never followed (a 3xx
 * comes back as it is, like `redirect: "manual"`). Hosts in OUTBOUND_ALLOW_HOSTS skip the checks.
 */
export function createOutboundFetch(options: OutboundOptions): typeof fetch {
  const resolveHost = options.resolveHost ?? resolveAll;
  const lookup = guardedLookup(resolveHost);
  return async (input, init) => {
    const request = new Request(input, init);
    const check = await checkOutboundUrl(request.url, options);
    if (!check.ok) throw new OutboundUrlError(check.reason, check.unresolved === true);
    const allowed = isAllowed(check.url, options.allowHosts);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body) headers["content-length"] = String(body.length);
    // node:http does not decompress: ask for the body as it is.
    headers["accept-encoding"] = "identity";
    const client = check.url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(check.url, {
        method: request.method,
        headers,
        signal: request.signal,
        // An allow-listed host is the operator's own choice: plain DNS for it.
        ...(allowed ? {} : { lookup }),
      });
      req.on("error", reject);
      req.on("response", (res) => {
        const status = res.statusCode ?? 502;
        const empty = status === 204 || status === 304 || request.method === "HEAD";
        if (empty) res.resume();
        resolve(
          new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
            status,
            statusText: res.statusMessage,
            headers: responseHeaders(res.headers),
          }),
        );
      });
      req.end(body);
    });
  };
}

/** The server's outbound fetch, its allow-list from OUTBOUND_ALLOW_HOSTS. */
export function outboundFetch(): typeof fetch {
  return createOutboundFetch({ allowHosts: parseAllowHosts(getEnv().OUTBOUND_ALLOW_HOSTS) });
}

/** The save-time check with the server's allow-list; a reason to show, or null. */
export async function outboundUrlProblem(raw: string): Promise<string | null> {
  const check = await checkOutboundUrl(raw, {
    allowHosts: parseAllowHosts(getEnv().OUTBOUND_ALLOW_HOSTS),
  });
  return check.ok ? null : `This URL ${check.reason}`;
}
