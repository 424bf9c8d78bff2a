import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for an OpenAI-compatible server (Ollama, vLLM) on 127.0.0.1, for the integration
 * test and the Playwright spec: a test fixture, never a code path of the product. It answers
 * chat completions (streamed or not) with a rewrite that keeps the template it was given, and
 * embeddings with small fixed vectors. It imports nothing from the app, so Playwright can load it.
 */
export type StubBehaviour = "rewrite" | "drop-placeholders" | "fail";

export type AiStub = {
  url: string;
  requests: { path: string; authorization: string | undefined; body: Record<string, unknown> }[];
  setBehaviour(behaviour: StubBehaviour): void;
  close(): Promise<void>;
};

const TEMPLATE = /<data-template-[0-9a-f]{8}>\n([\s\S]*?)\n<\/data-template-[0-9a-f]{8}>/;
export const STUB_OPENING = "Thanks for getting in touch!";

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? [];
  const user = [...messages].reverse().find((m) => m.role === "user");
  if (!user) return "";
  if (typeof user.content === "string") return user.content;
  return (user.content as { type: string; text?: string }[]).map((p) => p.text ?? "").join("\n");
}

function answer(body: Record<string, unknown>, behaviour: StubBehaviour): string {
  // Re-ranking (server/ai/rerank.ts): the candidates in the order given, scores falling. A stub
  // knows nothing of the message, so this measures plumbing and latency, never accuracy.
  const text = lastUserText(body);
  if (text.startsWith("Customer message:")) {
    const ids = [...text.matchAll(/^id (\S+):$/gm)].map((m) => m[1]);
    return JSON.stringify({ ranking: ids.map((id, i) => ({ id, score: 1 / (i + 1) })) });
  }
  const template = TEMPLATE.exec(lastUserText(body))?.[1] ?? "";
  const kept =
    behaviour === "drop-placeholders" ? template.replace(/\{[^{}|]+(\|[^{}]*)?\}/g, "") : template;
  return JSON.stringify({
    optimizedTemplate: `${STUB_OPENING} ${kept}\n\nWe are happy to help.`,
    improvementAreas: [{ area: "Tone", change: "Warmer opening and a closing line." }],
  });
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startAiStub(
  options: { port?: number; chunkDelayMs?: number; chunkSize?: number } = {},
): Promise<AiStub> {
  let behaviour: StubBehaviour = "rewrite";
  const requests: AiStub["requests"] = [];
  const chunkDelay = options.chunkDelayMs ?? 0;
  const chunkSize = options.chunkSize ?? 12;
  const server: Server = createServer(async (req, res) => {
    const body: Record<string, unknown> = await readBody(req).catch(() => ({}));
    const path = (req.url ?? "").replace(/\?.*$/, "");
    requests.push({ path, authorization: req.headers.authorization, body });
    if (behaviour === "fail") {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "stub overloaded", type: "server_error" } }));
      return;
    }
    if (path.endsWith("/embeddings")) {
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          object: "list",
          data: input.map((text, index) => ({
            object: "embedding",
            index,
            embedding: [text.length / 100, 0.5, -0.25],
          })),
          model: body.model,
          usage: { prompt_tokens: input.length * 4, total_tokens: input.length * 4 },
        }),
      );
      return;
    }
    if (!path.endsWith("/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    const content = answer(body, behaviour);
    const usage = {
      prompt_tokens: 180,
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: 180 + Math.ceil(content.length / 4),
    };
    const base = { id: "chatcmpl-stub", created: 0, model: body.model };
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    for (let i = 0; i < content.length; i += chunkSize) {
      if (res.destroyed) return;
      send({
        ...base,
        object: "chat.completion.chunk",
        choices: [
          {
            index: 0,
            delta: { role: "assistant", content: content.slice(i, i + chunkSize) },
            finish_reason: null,
          },
        ],
      });
      if (chunkDelay) await sleep(chunkDelay);
    }
    send({
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta: {}, finish_reason: "stop" }],
      usage,
    });
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setBehaviour(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
