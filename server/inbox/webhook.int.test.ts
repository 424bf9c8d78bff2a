import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/inbox/webhook/route";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { resetEnvForTests } from "@/server/env";
import { outboundReplyJob } from "@/server/jobs/definitions/outbound-reply";
import { ensureJobQueues } from "@/server/jobs/queues";
import type { RunningWorker } from "@/server/jobs/worker";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { startTestWorker, waitFor } from "@/test/jobs";
import { signBody, verifySignature } from "./signature";

let db: Database;
let a: Awaited<ReturnType<typeof signUpOwner>> & { secret: string };
let b: Awaited<ReturnType<typeof signUpOwner>> & { secret: string };

beforeAll(async () => {
  db = await testDatabase();
  const tenant = async (name: string) => {
    const owner = await signUpOwner(db, { workspaceName: name });
    const { secret } = await owner.caller.inbox.settings.rotateSecret();
    return { ...owner, secret };
  };
  a = await tenant("Webhook A");
  b = await tenant("Webhook B");
});

function body(externalId: string) {
  return JSON.stringify({
    source: "desk",
    conversations: [
      {
        externalId,
        customer: { name: "Grace", orderNumbers: ["AB-1234"] },
        messages: [{ externalId: `${externalId}-1`, role: "customer", text: "Where is AB-1234?" }],
      },
    ],
  });
}

function post(options: {
  workspaceId: string;
  secret: string;
  text: string;
  timestamp?: number;
  signature?: string;
}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return POST(
    new Request("http://parley.test/api/inbox/webhook", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-parley-workspace-id": options.workspaceId,
        "x-parley-timestamp": String(timestamp),
        "x-parley-signature":
          options.signature ?? signBody(options.secret, timestamp, options.text),
      },
      body: options.text,
    }),
  );
}

async function stored(workspaceId: string, externalId: string): Promise<number> {
  const [row] = readRows<{ n: number }>(
    await withTenant(db, workspaceId, (tx) =>
      tx.execute(
        sql`select count(*)::int as n from conversations where external_id = ${externalId}`,
      ),
    ),
  );
  return row?.n ?? 0;
}

describe("POST /api/inbox/webhook", () => {
  it("stores a correctly signed batch once, also when it is delivered twice", async () => {
    const text = body("signed");
    const first = await post({ workspaceId: a.workspace.id, secret: a.secret, text });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ stored: 1 });
    const again = await post({ workspaceId: a.workspace.id, secret: a.secret, text });
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await stored(a.workspace.id, "signed")).toBe(1);
  });

  it("rejects a bad, stale, missing or other workspace's signature and stores nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      {
        label: "wrong secret",
        workspaceId: a.workspace.id,
        secret: "whsec_guess",
        text: body("bad1"),
      },
      {
        label: "stale",
        workspaceId: a.workspace.id,
        secret: a.secret,
        text: body("bad2"),
        timestamp: now - 600,
      },
      {
        label: "future",
        workspaceId: a.workspace.id,
        secret: a.secret,
        text: body("bad3"),
        timestamp: now + 600,
      },
      {
        label: "missing",
        workspaceId: a.workspace.id,
        secret: a.secret,
        text: body("bad4"),
        signature: "",
      },
      // B's valid secret, naming A's workspace: not A's secret, so refused.
      {
        label: "B's secret at A",
        workspaceId: a.workspace.id,
        secret: b.secret,
        text: body("bad5"),
      },
      {
        label: "unknown workspace",
        workspaceId: crypto.randomUUID(),
        secret: a.secret,
        text: body("bad6"),
      },
    ];
    for (const attempt of attempts) {
      const response = await post(attempt);
      expect(response.status, attempt.label).toBe(401);
    }
    // A body changed after signing.
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signBody(a.secret, timestamp, body("bad7"));
    const tampered = await post({
      workspaceId: a.workspace.id,
      secret: a.secret,
      text: body("bad8"),
      timestamp,
      signature,
    });
    expect(tampered.status).toBe(401);
    for (const id of ["bad1", "bad2", "bad3", "bad4", "bad5", "bad6", "bad7", "bad8"]) {
      expect(await stored(a.workspace.id, id)).toBe(0);
      expect(await stored(b.workspace.id, id)).toBe(0);
    }
  });

  it("a rotated secret replaces the old one at once", async () => {
    const old = a.secret;
    a.secret = (await a.caller.inbox.settings.rotateSecret()).secret;
    const refused = await post({ workspaceId: a.workspace.id, secret: old, text: body("rotated") });
    expect(refused.status).toBe(401);
    const accepted = await post({
      workspaceId: a.workspace.id,
      secret: a.secret,
      text: body("rotated"),
    });
    expect(accepted.status).toBe(200);
  });

  it("answers a malformed batch with 400 and stores nothing", async () => {
    const text = JSON.stringify({ conversations: [{ externalId: "x\u0000", messages: [] }] });
    const response = await post({ workspaceId: a.workspace.id, secret: a.secret, text });
    expect(response.status).toBe(400);
  });
});

describe("outbound webhook", () => {
  let server: Server;
  let worker: RunningWorker;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let failuresLeft = 1;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => {
        text += chunk;
      });
      req.on("end", () => {
        // The first delivery fails: the job must retry.
        if (failuresLeft-- > 0) {
          res.writeHead(503).end();
          return;
        }
        received.push({ headers: req.headers, body: text });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // The test's helpdesk listens on loopback, which the SSRF guard refuses unless allowed.
    vi.stubEnv("OUTBOUND_ALLOW_HOSTS", "127.0.0.1");
    resetEnvForTests();
    await ensureJobQueues(db, [outboundReplyJob]);
    worker = await startTestWorker([{ ...outboundReplyJob, retryDelaySeconds: 1 }]);
  });
  afterAll(async () => {
    await worker.stop({ timeoutMs: 2_000 });
    await new Promise((resolve) => server.close(resolve));
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("delivers the agent's reply signed with the workspace's secret, retrying a failure", async () => {
    const port = (server.address() as AddressInfo).port;
    await b.caller.inbox.settings.update({ outboundUrl: `http://127.0.0.1:${port}/replies` });
    await post({ workspaceId: b.workspace.id, secret: b.secret, text: body("outbound") });
    const [conversation] = (await b.caller.inbox.list({ filter: "all", limit: 10 })).filter(
      (c) => c.externalId === "outbound",
    );
    if (!conversation) throw new Error("not stored");
    const sent = await b.caller.inbox.send({
      conversationId: conversation.id,
      text: "It ships today.",
    });
    expect(sent.delivery).toBe("pending");
    const delivery = await waitFor(async () => received[0], {
      ms: 30_000,
      what: "the outbound POST",
    });
    const timestamp = String(delivery.headers["x-parley-timestamp"]);
    const signature = String(delivery.headers["x-parley-signature"]);
    expect(
      verifySignature({
        secret: b.secret,
        timestamp,
        signature,
        body: new TextEncoder().encode(delivery.body),
      }),
    ).toEqual({ ok: true });
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: "reply",
      conversation: { externalId: "outbound", source: "desk" },
      message: { id: sent.id, text: "It ships today." },
    });
    const thread = await waitFor(async () => {
      const t = await b.caller.inbox.get({ id: conversation.id });
      return t.messages.find((m) => m.id === sent.id)?.delivery === "sent" ? t : undefined;
    });
    expect(thread.messages.at(-1)?.delivery).toBe("sent");
  });
});
