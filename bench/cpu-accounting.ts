import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time spent during a load run, by who spent it (Linux /proc): the web server's processes
 * (its process group: server.mjs is started detached, so the group is the server and its
 * cluster workers), PostgreSQL's backends, and this process (the load generator). Answers
 * "where did the machine's cores go per request", which latency figures alone cannot.
 */
export type CpuSnapshot = { server: number; postgres: number; bench: number };

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTimes(): { comm: string; pgrp: number; seconds: number }[] {
  const out: { comm: string; pgrp: number; seconds: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const open = stat.indexOf("(");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(open + 1, close);
      // Fields after the command: state ppid pgrp … utime (12th) stime (13th).
      const fields = stat.slice(close + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      out.push({ comm, pgrp: Number(fields[2]), seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // the process ended while we read
    }
  }
  return out;
}

export function cpuSnapshot(serverGroup: number | undefined): CpuSnapshot {
  let server = 0;
  let postgres = 0;
  for (const p of processTimes()) {
    if (serverGroup !== undefined && p.pgrp === serverGroup) server += p.seconds;
    else if (p.comm.startsWith("postgres")) postgres += p.seconds;
  }
  const own = process.cpuUsage();
  return { server, postgres, bench: (own.user + own.system) / 1e6 };
}

/** Milliseconds of CPU per request between two snapshots (postgres: backends that lived through both). */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  const per = (a: number, b: number) =>
    requests > 0 ? Math.round(((b - a) * 1000 * 100) / requests) / 100 : 0;
  return {
    server_cpu_ms_per_request: per(before.server, after.server),
    postgres_cpu_ms_per_request: per(before.postgres, after.postgres),
    load_generator_cpu_ms_per_request: per(before.bench, after.bench),
  };
}
