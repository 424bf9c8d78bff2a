import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { resolveCaller } from "@/server/access/caller";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { resolveWorkspaceAccess } from "@/server/access/workspace-access";
import { resetEnvForTests } from "@/server/env";
import { invitationEmailJob } from "@/server/jobs/definitions/invitation-email";
import type { RunningWorker } from "@/server/jobs/worker";
import { inviteAndQueueEmail } from "@/server/workspaces/invitations";
import { testDatabase } from "@/test/db";
import { signUpOwner, uniqueEmail } from "@/test/factories";
import { startFakeSmtp } from "@/test/fake-smtp";
import { startTestWorker, waitFor } from "@/test/jobs";

let db: Database;
let worker: RunningWorker;
beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([invitationEmailJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 2_000 });
});
afterEach(() => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

function setSmtpUrl(url: string) {
  process.env.SMTP_URL = url;
  resetEnvForTests();
}

async function emailJobs(invitationId: string) {
  return readRows<{ state: string; retry_count: number }>(
    await db.execute(
      sql`select state, retry_count from pgboss.job
          where name = 'invitation-email' and data->>'invitationId' = ${invitationId}`,
    ),
  );
}

const tokenOf = (inviteUrl: string) => inviteUrl.split("/invite/")[1] ?? "";

describe("invitation e-mail as a job", () => {
  it("is sent by the worker after the invitation commits, not inside the request", async () => {
    const smtp = await startFakeSmtp();
    try {
      setSmtpUrl(smtp.url);
      const { caller } = await signUpOwner(db);
      const email = uniqueEmail("mailed");
      const result = await caller.workspace.members.invite({ email, role: "agent" });
      expect(result.emailed).toBe("queued");
      await waitFor(async () => smtp.messages.length === 1, { what: "the e-mail" });
      const message = smtp.messages[0] ?? "";
      expect(message).toContain(`To: ${email}`);
      expect(message.replace(/=\r\n/g, "")).toContain(tokenOf(result.inviteUrl));
      const listed = await waitFor(async () => {
        const [row] = await caller.workspace.invitations.list();
        return row?.emailStatus === "sent" ? row : undefined;
      });
      expect(listed.emailError).toBeNull();
    } finally {
      await smtp.close();
    }
  });

  it("sends nothing when the invitation's transaction rolls back", async () => {
    const smtp = await startFakeSmtp();
    try {
      setSmtpUrl(smtp.url);
      const { user, workspace } = await signUpOwner(db);
      const caller = await resolveCaller({
        db,
        headers: new Headers(),
        getSessionUser: async () => user,
      });
      const access = await resolveWorkspaceAccess(db, caller, {
        workspaceSlug: workspace.slug,
        intent: "write",
        ip: null,
      });
      let invitationId = "";
      await expect(
        runInWorkspace(db, access, async (scope) => {
          const result = await inviteAndQueueEmail(
            scope,
            { email: uniqueEmail("rolled"), role: "agent" },
            "http://parley.test",
          );
          invitationId = result.invitation.id;
          throw new Error("something later in the same transaction failed");
        }),
      ).rejects.toThrow("later");
      expect(invitationId).not.toBe("");
      expect(await emailJobs(invitationId)).toEqual([]);
      // Give a worker the chance it would need to (wrongly) send something.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(smtp.messages).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it("keeps the invitation when SMTP is down, retries with backoff, and delivers once it is back", async () => {
    setSmtpUrl("smtp://127.0.0.1:1");
    const { caller } = await signUpOwner(db);
    const result = await caller.workspace.members.invite({
      email: uniqueEmail("unmailed"),
      role: "agent",
    });
    expect(result.emailed).toBe("queued");
    const failed = await waitFor(async () => {
      const [row] = await caller.workspace.invitations.list();
      return row?.emailStatus === "retrying" ? row : undefined;
    });
    // What the members page turns into "e-mail not delivered — the link still works".
    expect(failed.id).toBe(result.invitation.id);
    expect(failed.emailError).toMatch(/ECONNREFUSED|connect/i);
    const [job] = await emailJobs(result.invitation.id);
    expect(job).toMatchObject({ state: "retry", retry_count: 0 });
    const [delay] = readRows<{ seconds: number }>(
      await db.execute(
        sql`select extract(epoch from start_after - now())::int as seconds from pgboss.job
            where name = 'invitation-email' and data->>'invitationId' = ${result.invitation.id}`,
      ),
    );
    expect(delay?.seconds).toBeGreaterThan(10); // backoff from 30 s, not an immediate retry

    const smtp = await startFakeSmtp();
    try {
      setSmtpUrl(smtp.url);
      // Time passes: the retry is due now.
      await db.execute(
        sql`update pgboss.job set start_after = now()
            where name = 'invitation-email' and data->>'invitationId' = ${result.invitation.id}`,
      );
      await waitFor(async () => smtp.messages.length === 1, { what: "the retried e-mail" });
      const delivered = await waitFor(async () => {
        const [row] = await caller.workspace.invitations.list();
        return row?.emailStatus === "sent" ? row : undefined;
      });
      expect(delivered.emailError).toBeNull();
      // pg-boss completes the job right after the handler's batch returns.
      await waitFor(async () => (await emailJobs(result.invitation.id))[0]?.state === "completed", {
        what: "pg-boss to complete the job",
      });
    } finally {
      await smtp.close();
    }
  });
});
