import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

/**
 * One process per embedded database folder. PGlite has no lock of its own: a second process
 * that opens the same folder (a second `npm run demo`, or the CLI while the app runs) writes
 * over the first one's pages and leaves a database that no longer starts ("Aborted()"),
 * measured 2026-12-02. So the folder gets a sibling `<dir>.lock` holding the owner's pid,
 * taken with O_EXCL; a lock whose process is gone (crash, SIGKILL, reboot) is taken over.
 */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database is in use by another Parley process (pid ${pid}). ` +
        "It serves one process at a time: stop that process first, or set DATABASE_URL to use " +
        `PostgreSQL for several. If no Parley process is running, delete ${lockFile}.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

export function lockFileFor(dir: string): string {
  return `${dir.replace(/[\\/]+$/, "")}.lock`;
}

/** Whether `pid` is a live process that could be Parley (a Node process, where that is knowable). */
function isLiveNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still a holder.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // Linux: a pid reused by an unrelated program after a reboot is not a holder.
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

/**
 * Takes the folder's lock or throws EmbeddedDatabaseBusyError. Returns the release function
 * (also run on process exit). The same pid in the file means a stale lock from an earlier
 * life of this pid (containers restart as pid 1): this process never opens a folder twice.
 */
export function lockEmbeddedDatabase(dir: string): () => void {
  const file = lockFileFor(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder = Number.NaN;
      try {
        holder = Number.parseInt(readFileSync(file, "utf8"), 10);
      } catch {
        // Removed between our open and read: try again.
      }
      if (Number.isInteger(holder) && holder !== process.pid && isLiveNodeProcess(holder)) {
        throw new EmbeddedDatabaseBusyError(file, holder);
      }
      rmSync(file, { force: true });
      continue;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      try {
        if (readFileSync(file, "utf8") === String(process.pid)) rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    };
    process.on("exit", release);
    return release;
  }
  throw new Error(`Could not take the embedded database lock ${file}`);
}
