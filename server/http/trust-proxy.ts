import { isIP } from "node:net";

/**
 * Which forwarding headers to believe. A client can send any `X-Forwarded-For` it likes, so
 * by default nothing forwarded is trusted and the client is the socket's peer. `TRUST_PROXY`
 * opts in, like Express's "trust proxy":
 *   - a hop count `n`: the n closest hops are our proxies (1 = one load balancer in front);
 *   - a list of proxy addresses or CIDR ranges: walk the chain from the socket back and stop
 *     at the first address that is not one of them.
 * No dependency on Next.js: the front server (server.mjs) and the tests use it.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "list"; ranges: CidrRange[] };

type CidrRange = { family: 4 | 6; bits: bigint; prefix: number };

/** Parses TRUST_PROXY; throws a one-line message naming what is wrong. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text === "false") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new Error(`a hop count is at most 32, got ${hops}`);
    return { kind: "hops", hops };
  }
  const ranges = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(parseCidr);
  return { kind: "list", ranges };
}

function parseCidr(entry: string): CidrRange {
  const parts = entry.split("/");
  const [address = "", prefixText] = parts;
  const plain = normalizeAddress(address);
  const family = isIP(plain);
  if (family !== 4 && family !== 6) {
    throw new Error(`"${entry}" is neither a hop count nor an IP address or CIDR range`);
  }
  const width = family === 4 ? 32 : 128;
  // "10.0.0.0/" must not read as /0 (everyone): the prefix is digits or absent.
  const badPrefix = parts.length > 2 || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText));
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (badPrefix || prefix > width) {
    throw new Error(`"${entry}" has an invalid prefix length`);
  }
  return { family, bits: addressBits(plain, family), prefix };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; anything else unchanged (trimmed, zone id dropped). */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  if (mapped?.[1]) return mapped[1];
  return trimmed.replace(/%.*$/, "");
}

function addressBits(address: string, family: 4 | 6): bigint {
  if (family === 4) {
    return address.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
  }
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  let left = groups(head);
  let right = tail === undefined ? [] : groups(tail);
  // An IPv4 tail (::ffff:1.2.3.4 that was not mapped, or 64:ff9b::1.2.3.4) is two groups.
  const expand = (list: string[]) =>
    list.flatMap((g) => {
      if (!g.includes(".")) return [g];
      const v4 = addressBits(g, 4);
      return [(v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    });
  left = expand(left);
  right = expand(right);
  const missing = 8 - left.length - right.length;
  const all = [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || "0", 16)), 0n);
}

function inRange(address: string, range: CidrRange): boolean {
  const family = isIP(address);
  if (family !== range.family) return false;
  const width = family === 4 ? 32 : 128;
  const shift = BigInt(width - range.prefix);
  return addressBits(address, family) >> shift === range.bits >> shift;
}

/** True when a request from this peer may carry forwarding headers we believe. */
export function isTrustedPeer(trust: TrustProxy, peer: string): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return trust.hops > 0;
  const address = normalizeAddress(peer);
  return trust.ranges.some((range) => inRange(address, range));
}

/**
 * The client's address: the socket peer, or, when forwarding is trusted, the address the
 * trusted hops report. `forwardedFor` is the raw `X-Forwarded-For` (comma-separated, client
 * first). Malformed entries end the walk, so garbage never becomes "the client".
 */
export function resolveClientAddress(
  trust: TrustProxy,
  peer: string,
  forwardedFor: string | undefined,
): string {
  const socket = normalizeAddress(peer);
  if (trust.kind === "none" || !forwardedFor) return socket;
  // Closest first: the socket peer, then X-Forwarded-For from its right end.
  const chain = [
    socket,
    ...forwardedFor
      .split(",")
      .map(normalizeAddress)
      .filter((a) => a !== "")
      .reverse(),
  ];
  if (trust.kind === "hops") {
    // hops = n: the socket peer and the n-1 entries it reports are proxies.
    let index = 0;
    while (index < trust.hops && index + 1 < chain.length && isIP(chain[index + 1] ?? "")) {
      index++;
    }
    return chain[index] ?? socket;
  }
  let index = 0;
  while (
    index + 1 < chain.length &&
    isTrustedPeer(trust, chain[index] ?? "") &&
    isIP(chain[index + 1] ?? "")
  ) {
    index++;
  }
  return chain[index] ?? socket;
}
