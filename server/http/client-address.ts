/**
 * The client's address travels from the front server (server.mjs), which alone sees the
 * socket, to route handlers and server components as an internal request header. The front
 * server deletes any copy the client sent before stamping its own. Behind plain `next start`
 * (no front server) nobody strips it, so it is believed only once the front server has
 * marked this process, and tests that build requests by hand mark it the same way.
 */
export const CLIENT_IP_HEADER = "x-parley-client-ip";

const MARK = Symbol.for("parley.front-server");

type Marked = typeof globalThis & { [MARK]?: true };

/** Called by the front server before it serves its first request (and by tests). */
export function markFrontServer(): void {
  (globalThis as Marked)[MARK] = true;
}

export function frontServerRunning(): boolean {
  return (globalThis as Marked)[MARK] === true;
}

/** The client address the front server resolved, or null when it is unknown. */
export function readClientIp(headers: Headers): string | null {
  if (!frontServerRunning()) return null;
  return headers.get(CLIENT_IP_HEADER)?.trim() || null;
}
