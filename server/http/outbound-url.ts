import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";

/**
 * The SSRF guard for URLs an admin may set (a workspace's AI server, the inbox's outbound
 * webhook): http(s) only, and every address the host resolves to must be public, unless the host
 * is in OUTBOUND_ALLOW_HOSTS (operator-set, e.g. an Ollama on the same machine). Checked when the
 * URL is saved and again before each request (DNS may answer differently later: rebinding).
 * Hosts written as numbers (http://2130706433/, http://0x7f.1/) are canonicalised by the WHATWG
 * URL parser to dotted IPv4 before they get here, so they meet the same ranges.
 */

export type AddressLookup = (hostname: string) => Promise<string[]>;

const systemLookup: AddressLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export class OutboundUrlError extends Error {
  /**
   * @param transient the host did not resolve (DNS may answer later): worth a retry, unlike a
   * refused address or a malformed URL.
   */
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = "OutboundUrlError";
  }
}

/** OUTBOUND_ALLOW_HOSTS: comma-separated `host` (any port) or `host:port`, case-insensitive. */
export function parseAllowHosts(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

const V4_RANGES: [string, number, string][] = [
  ["0.0.0.0", 8, "a 'this network' address (0.0.0.0/8)"],
  ["10.0.0.0", 8, "a private address (10.0.0.0/8)"],
  ["100.64.0.0", 10, "a carrier-grade NAT address (100.64.0.0/10)"],
  ["127.0.0.0", 8, "a loopback address (127.0.0.0/8)"],
  ["169.254.0.0", 16, "a link-local address (169.254.0.0/16, cloud metadata)"],
  ["172.16.0.0", 12, "a private address (172.16.0.0/12)"],
  ["192.0.0.0", 24, "an IETF protocol address (192.0.0.0/24)"],
  ["192.168.0.0", 16, "a private address (192.168.0.0/16)"],
  ["198.18.0.0", 15, "a benchmarking address (198.18.0.0/15)"],
  ["224.0.0.0", 4, "a multicast address (224.0.0.0/4)"],
  ["240.0.0.0", 4, "a reserved or broadcast address (240.0.0.0/4)"],
];

function v4Reason(ip: string): string | null {
  const value = ipv4ToInt(ip);
  for (const [base, bits, reason] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = ipv4ToInt(base);
    if (value >= start && value < start + size) return reason;
  }
  return null;
}

/** An IPv6 address as eight 16-bit groups (handles `::` and a trailing dotted IPv4). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase().split("%")[0] ?? "";
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1]) {
    const n = ipv4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (s: string) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? [] : new Array(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function embeddedV4(groups: number[], at: number): string {
  const hi = groups[at] ?? 0;
  const lo = groups[at + 1] ?? 0;
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

function v6Reason(ip: string): string | null {
  const g = ipv6Groups(ip);
  const first = g[0] ?? 0;
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroPrefix(8)) return "the unspecified address (::)";
  if (zeroPrefix(7) && g[7] === 1) return "a loopback address (::1)";
  // ::ffff:a.b.c.d (IPv4-mapped), ::a.b.c.d (IPv4-compatible), 64:ff9b::a.b.c.d (NAT64).
  const mapped = zeroPrefix(5) && (g[5] === 0xffff || g[5] === 0);
  const nat64 = first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || nat64) {
    const v4 = embeddedV4(g, 6);
    const reason = v4Reason(v4);
    return reason ? `${reason} in IPv6 form` : null;
  }
  if (first === 0x2002) {
    const reason = v4Reason(embeddedV4(g, 1));
    return reason ? `${reason} in 6to4 form` : null;
  }
  if ((first & 0xfe00) === 0xfc00) return "a unique-local address (fc00::/7)";
  if ((first & 0xffc0) === 0xfe80) return "a link-local address (fe80::/10)";
  if ((first & 0xff00) === 0xff00) return "a multicast address (ff00::/8)";
  return null;
}

/** Why an address must not be called, or null for a public one. */
export function blockedAddressReason(ip: string): string | null {
  const family = isIP(ip);
  if (family === 4) return v4Reason(ip);
  if (family === 6) return v6Reason(ip);
  return "not an IP address";
}

export type OutboundOptions = {
  allowHosts: readonly string[];
  /** Resolves a host name to all its addresses; tests pass a fake. */
  resolveHost?: AddressLookup;
};

export const resolveAll: AddressLookup = systemLookup;

/** Whether the URL's host (any port) or host:port is in the operator's allow-list. */
export function isAllowed(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowHosts.some((entry) => entry === host || entry === `${host}:${port}`);
}

export type OutboundCheck =
  | { ok: true; url: URL; addresses: string[] }
  | { ok: false; reason: string; unresolved?: true };

/**
 * Whether an admin-entered URL may be called: `reason` completes "This URL …" (it names the
 * address and its range). An allow-listed host is not resolved (addresses: []).
 */
export async function checkOutboundUrl(
  raw: string | URL,
  options: OutboundOptions,
): Promise<OutboundCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "is not a valid URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `must be http or https, not ${url.protocol.replace(":", "")}` };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain credentials" };
  if (isAllowed(url, options.allowHosts)) return { ok: true, url, addresses: [] };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[] = [];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolveHost ?? systemLookup)(host);
    } catch {
      // Falls through to the empty-list refusal below.
    }
    if (addresses.length === 0)
      return {
        ok: false,
        reason: `names a host that does not resolve (${host})`,
        unresolved: true,
      };
  }
  for (const address of addresses) {
    const blocked = blockedAddressReason(address);
    if (blocked) {
      const where = address === host ? address : `${host} is ${address}`;
      return {
        ok: false,
        reason: `points at ${blocked}: ${where} (an operator can allow it with OUTBOUND_ALLOW_HOSTS)`,
      };
    }
  }
  return { ok: true, url, addresses };
}
