import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, lockEmbeddedDatabase, lockFileFor } from "./embedded-lock";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function folder(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "parley-lock-")), "pglite");
}

/** A live Node process that is not this one, to stand for another Parley. */
async function otherNodeProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
  children.push(child);
  await new Promise((resolve) => child.once("spawn", resolve));
  if (child.pid === undefined) throw new Error("no child pid");
  return child.pid;
}

describe("the embedded database lock", () => {
  it("is taken with this process's pid and removed on release", () => {
    const dir = folder();
    const release = lockEmbeddedDatabase(dir);
    expect(readFileSync(lockFileFor(dir), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(lockFileFor(dir))).toBe(false);
  });

  it("refuses a folder a live process holds, naming the pid and the lock file", async () => {
    const dir = folder();
    lockEmbeddedDatabase(dir);
    const pid = await otherNodeProcess();
    writeFileSync(lockFileFor(dir), String(pid));
    let thrown: unknown;
    try {
      lockEmbeddedDatabase(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EmbeddedDatabaseBusyError);
    expect((thrown as Error).message).toContain(`pid ${pid}`);
    expect((thrown as Error).message).toContain(lockFileFor(dir));
    // The holder's lock is left as it was.
    expect(readFileSync(lockFileFor(dir), "utf8")).toBe(String(pid));
  });

  it("takes over a lock whose process is gone", async () => {
    const dir = folder();
    const pid = await otherNodeProcess();
    writeFileSync(lockFileFor(dir), String(pid));
    const child = children.pop();
    child?.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));
    const release = lockEmbeddedDatabase(dir);
    expect(readFileSync(lockFileFor(dir), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over an unreadable or empty lock file", () => {
    const dir = folder();
    writeFileSync(lockFileFor(dir), "");
    const release = lockEmbeddedDatabase(dir);
    expect(readFileSync(lockFileFor(dir), "utf8")).toBe(String(process.pid));
    release();
  });
});
