/**
 * Server-sent events for route handlers, built for events stored in PostgreSQL and announced
 * with NOTIFY (job progress today, the inbox later):
 * 1. subscribe first, so nothing announced during the replay is missed;
 * 2. replay stored events after Last-Event-ID, then again on every wake-up (and every
 *    `pollMs`, in case a notification was lost while the listening connection reconnected);
 * 3. a comment line every `heartbeatMs` keeps proxies from closing an idle stream;
 * 4. ends after a final event, when the client goes away, or after `maxDurationMs` (the browser
 *    reconnects with Last-Event-ID).
 * Between wake-ups it holds no pooled connection: `replay` opens a short transaction each time
 * and the notifications arrive on the process's one LISTEN connection.
 */
export type SseEvent = { id: string; event: string; data: unknown };

export type SseOptions = {
  signal: AbortSignal;
  lastEventId: string | null;
  replay: (afterId: string | null) => Promise<SseEvent[]>;
  subscribe: (wake: () => void) => Promise<() => Promise<void>>;
  isFinal: (event: SseEvent) => boolean;
  /** Checked when a replay finds nothing new: true ends the stream (e.g. the job finished earlier). */
  finished?: () => Promise<boolean>;
  heartbeatMs?: number;
  pollMs?: number;
  maxDurationMs?: number;
  headers?: Record<string, string>;
};

export function sseResponse(options: SseOptions): Response {
  const encoder = new TextEncoder();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const pollMs = options.pollMs ?? 15_000;
  const maxDurationMs = options.maxDurationMs ?? 10 * 60_000;
  let closed = false;
  let cleanup: () => Promise<void> = async () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      let wake: () => void = () => {};
      let pending = true;
      const wakeUp = () => {
        pending = true;
        wake();
      };
      const timers = [
        setInterval(() => write(": ping\n\n"), heartbeatMs),
        setInterval(wakeUp, pollMs),
      ];
      const deadline = setTimeout(() => finish(), maxDurationMs);
      let unsubscribe: (() => Promise<void>) | null = null;
      const finish = () => {
        if (closed) return;
        closed = true;
        wake();
      };
      cleanup = async () => {
        for (const t of timers) clearInterval(t);
        clearTimeout(deadline);
        await unsubscribe?.().catch(() => undefined);
        unsubscribe = null;
      };
      options.signal.addEventListener("abort", finish, { once: true });

      write("retry: 2000\n\n");
      try {
        unsubscribe = await options.subscribe(wakeUp);
        let lastId = options.lastEventId;
        let first = true;
        while (!closed) {
          if (!pending) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              if (pending || closed) resolve();
            });
            continue;
          }
          pending = false;
          const events = await options.replay(lastId);
          for (const event of events) {
            write(
              `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`,
            );
            lastId = event.id;
            if (options.isFinal(event)) finish();
          }
          if (first && events.length === 0 && options.finished && (await options.finished())) {
            finish();
          }
          first = false;
        }
      } catch (error) {
        write(`event: error\ndata: ${JSON.stringify({ message: "stream failed" })}\n\n`);
        void error;
      } finally {
        closed = true;
        await cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      }
    },
    async cancel() {
      closed = true;
      await cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
      ...options.headers,
    },
  });
}
