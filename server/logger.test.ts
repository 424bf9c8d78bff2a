import { afterEach, describe, expect, it, vi } from "vitest";
import { log, redact } from "./logger";

describe("redact", () => {
  it("replaces values under secret-looking keys at any depth", () => {
    const out = redact({
      email: "a@b.test",
      password: "hunter22",
      nested: { apiKey: "pk_x", headers: { authorization: "Bearer abc", cookie: "s=1" } },
      list: [{ token: "t" }],
    });
    expect(out).toEqual({
      email: "a@b.test",
      password: "[redacted]",
      nested: {
        apiKey: "[redacted]",
        headers: { authorization: "[redacted]", cookie: "[redacted]" },
      },
      list: [{ token: "[redacted]" }],
    });
  });

  it("scrubs API keys and bearer tokens inside free text", () => {
    const key = `pk_AbCdEfGh_${"x".repeat(43)}`;
    expect(redact(`failed for ${key} and Bearer ${key}`)).toBe(
      "failed for [redacted] and [redacted]",
    );
  });
});

describe("log", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("writes one JSON object per line in production, without secrets", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("LOG_LEVEL", "info");
    const writes: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    log.info("signed in", { email: "a@b.test", password: "hunter22" });
    expect(writes).toHaveLength(1);
    const line = JSON.parse(writes[0] ?? "");
    expect(line).toMatchObject({
      level: "info",
      msg: "signed in",
      email: "a@b.test",
      password: "[redacted]",
    });
    expect(writes[0]).not.toContain("hunter22");
  });

  it("drops messages below the configured level", () => {
    vi.stubEnv("LOG_LEVEL", "error");
    const spy = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    log.info("quiet");
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("errors in logs", () => {
  it("keep the SQL text and code of a failed query but never its parameters", () => {
    const secret = "scrypt$32768$8$1$c2FsdA$aGFzaA";
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: "22021",
    });
    // The shape of drizzle-orm's DrizzleQueryError: the parameters are in its message.
    const failed = Object.assign(
      new Error(
        `Failed query: insert into "users" ("password_hash") values ($1)\nparams: ${secret}`,
      ),
      { query: 'insert into "users" ("password_hash") values ($1)', params: [secret], cause },
    );
    const out = JSON.stringify(redact({ error: failed }));
    expect(out).not.toContain(secret);
    expect(out).toContain('insert into \\"users\\"');
    expect(out).toContain("22021");
  });
});
