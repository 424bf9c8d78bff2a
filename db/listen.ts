import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";

export type NotificationHandler = (payload: string) => void;
export type Listen = (
  channel: string,
  handler: NotificationHandler,
) => Promise<() => Promise<void>>;

type Subscribe = (channel: string, deliver: NotificationHandler) => Promise<() => Promise<void>>;

/**
 * One LISTEN per channel per process, fanned out to every handler in the process: the browser
 * streams (SSE), the worker and later the inbox all share it. postgres.js keeps all of its
 * LISTENs on one dedicated connection (reconnecting and re-listening by itself), so the process
 * holds exactly one listening connection however many subscribers there are; PGlite delivers
 * in-process.
 */
export function createListenHub(subscribe: Subscribe): Listen {
  const channels = new Map<
    string,
    { handlers: Set<NotificationHandler>; ready: Promise<() => Promise<void>> }
  >();
  return async (channel, handler) => {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
    let entry = channels.get(channel);
    if (!entry) {
      const handlers = new Set<NotificationHandler>();
      const deliver = (payload: string) => {
        for (const h of handlers) {
          try {
            h(payload);
          } catch {
            // A subscriber's bug must not stop delivery to the others.
          }
        }
      };
      entry = { handlers, ready: subscribe(channel, deliver) };
      channels.set(channel, entry);
      entry.ready.catch(() => channels.delete(channel));
    }
    const current = entry;
    current.handlers.add(handler);
    await current.ready;
    return async () => {
      if (!current.handlers.delete(handler) || current.handlers.size > 0) return;
      if (channels.get(channel) === current) channels.delete(channel);
      const unlisten = await current.ready;
      await unlisten();
    };
  };
}

export function postgresListen(client: Sql): Listen {
  return createListenHub(async (channel, deliver) => {
    const { unlisten } = await client.listen(channel, deliver);
    return unlisten;
  });
}

export function pgliteListen(pglite: PGlite): Listen {
  return createListenHub(async (channel, deliver) => {
    const unsubscribe = await pglite.listen(channel, deliver);
    return unsubscribe;
  });
}
