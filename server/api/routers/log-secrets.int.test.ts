import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { hashSecret } from "@/server/auth/api-key-secret";
import { resolveApiKey } from "@/server/auth/resolve-api-key";
import { log } from "@/server/logger";
import { testDatabase } from "@/test/db";
import { callerFor, catchError, createKey, signUpOwner, uniqueEmail } from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Everything the app writes to stdout and stderr while `fn` runs, at the most verbose level. */
async function captureLogs(fn: () => Promise<void>): Promise<string> {
  vi.stubEnv("LOG_LEVEL", "debug");
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
  try {
    await fn();
  } finally {
    vi.restoreAllMocks();
  }
  return lines.join("");
}

/**
 * Makes inserts or updates of one table fail for rows carrying `marker`, the way a broken
 * database or a NUL byte would, without disturbing other tests running on the same database.
 */
async function failingWrites(
  table: string,
  column: string,
  marker: string,
  fn: () => Promise<void>,
) {
  const name = `fail_${table}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin if new.${column} = '${marker}' then raise exception 'refused by test'; end if;
      return new; end $$`),
  );
  await db.execute(
    sql.raw(`create trigger ${name} before insert or update on ${table}
      for each row execute function ${name}()`),
  );
  try {
    await fn();
  } finally {
    await db.execute(sql.raw(`drop trigger ${name} on ${table}`));
    await db.execute(sql.raw(`drop function ${name}()`));
  }
}

const HEX_HASH = /[0-9a-f]{64}/;
const ANY_KEY = /pk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{10,}/;

describe("logs never contain passwords, hashes or keys", () => {
  it("a failing sign-up logs the SQL but not the password or its scrypt hash", async () => {
    const password = `secret-password-${crypto.randomUUID()}`;
    const email = uniqueEmail("logged");
    let logs = "";
    let thrown = "";
    await failingWrites("users", "email", email, async () => {
      logs = await captureLogs(async () => {
        const error = await catchError(
          (await callerFor(db, null)).auth.signUp({
            name: "Lou Logged",
            email,
            password,
            workspaceName: "Logged Co",
          }),
        );
        expect(error.code).toBe("INTERNAL_SERVER_ERROR");
        // What a server component would rethrow (and Next.js print) carries no parameters either.
        thrown = error.message;
      });
    });
    expect(thrown).not.toContain("scrypt$");
    expect(thrown).not.toContain(password);
    expect(logs).toContain("procedure failed");
    expect(logs).toContain('insert into \\"users\\"');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain("scrypt$");
    expect(logs).not.toContain("params:");
  });

  it("a failing key creation logs neither the new key nor its hash", async () => {
    const { caller } = await signUpOwner(db);
    const name = `logged key ${crypto.randomUUID().slice(0, 8)}`;
    let logs = "";
    await failingWrites("api_keys", "name", name, async () => {
      logs = await captureLogs(async () => {
        const error = await catchError(caller.apiKeys.create({ name, scope: "write" }));
        expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      });
    });
    expect(logs).toContain('insert into \\"api_keys\\"');
    expect(logs).not.toMatch(ANY_KEY);
    expect(logs).not.toMatch(HEX_HASH);
  });

  it("a failing request made with a key logs neither the key nor its hash", async () => {
    const { caller } = await signUpOwner(db);
    const { key, caller: keyCaller } = await createKey(db, caller, "write");
    const name = `Logged ${crypto.randomUUID().slice(0, 8)}`;
    let logs = "";
    await failingWrites("workspaces", "name", name, async () => {
      logs = await captureLogs(async () => {
        const error = await catchError(keyCaller.workspace.update({ name }));
        expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      });
    });
    expect(logs).toContain('update \\"workspaces\\"');
    expect(logs).not.toContain(key);
    expect(logs).not.toContain(hashSecret(key));
    expect(logs).not.toMatch(ANY_KEY);
  });

  it("a failing key lookup, logged, shows the SQL but neither the key nor its hash", async () => {
    const { caller } = await signUpOwner(db);
    const { key } = await createKey(db, caller, "read");
    const hash = hashSecret(key);
    // A restrictive policy (true for everyone else) whose check raises for this one hash: the lookup query fails as a broken
    // database would, with the hash among its parameters.
    const name = `fail_lookup_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await db.execute(
      sql.raw(`create function ${name}(h text) returns boolean language plpgsql stable as $$
        begin if h = '${hash}' then raise exception 'refused by test'; end if; return true; end $$`),
    );
    await db.execute(
      sql.raw(
        `create policy ${name} on api_keys as restrictive for select using (${name}(app_lookup_hash()))`,
      ),
    );
    let failure: unknown;
    try {
      failure = await resolveApiKey(db, key).then(
        () => null,
        (error: unknown) => error,
      );
    } finally {
      await db.execute(sql.raw(`drop policy ${name} on api_keys`));
      await db.execute(sql.raw(`drop function ${name}(text)`));
    }
    // The driver's error does carry the hash…
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toContain(hash);
    // …and the log line made from it does not.
    const logs = await captureLogs(async () => {
      log.error("api key lookup failed", { error: failure });
    });
    expect(logs).toContain('\\"api_keys\\"');
    expect(logs).not.toContain(hash);
    expect(logs).not.toContain(key);
  });
});
