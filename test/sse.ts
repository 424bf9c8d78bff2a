export type ReceivedEvent = { id: string; event: string; data: Record<string, unknown> };

/** Reads a server-sent-events response to its end (the server closes after a final event). */
export async function readSse(
  response: Response,
  { timeoutMs = 20_000 } = {},
): Promise<{ events: ReceivedEvent[]; comments: number }> {
  if (!response.body) throw new Error("no body");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  let buffer = "";
  const events: ReceivedEvent[] = [];
  let comments = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        const fields: Record<string, string> = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) comments++;
          const colon = line.indexOf(": ");
          if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
        }
        if (fields.event && fields.data) {
          events.push({
            id: fields.id ?? "",
            event: fields.event,
            data: JSON.parse(fields.data) as Record<string, unknown>,
          });
        }
      }
    }
  } finally {
    clearTimeout(timer);
  }
  return { events, comments };
}
