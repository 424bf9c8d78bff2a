"use client";

import { useEffect, useState } from "react";

export type JobProgress = {
  state: "connecting" | "running" | "done" | "failed" | "cancelled";
  progress: number;
  message: string | null;
  /** The handler's result (done) or null. */
  data: Record<string, unknown> | null;
};

const FINAL = new Set(["done", "failed", "cancelled"]);

/**
 * Follows a job through `GET /api/jobs/<id>/events` (server-sent events). EventSource
 * reconnects by itself with Last-Event-ID, so a dropped connection misses nothing; the stream
 * ends after done, failed or cancelled.
 */
export function useJobEvents(jobId: string | null, workspaceSlug: string): JobProgress | null {
  const [status, setStatus] = useState<JobProgress | null>(null);
  useEffect(() => {
    if (!jobId) {
      setStatus(null);
      return;
    }
    setStatus({ state: "connecting", progress: 0, message: null, data: null });
    const source = new EventSource(
      `/api/jobs/${encodeURIComponent(jobId)}/events?workspace=${encodeURIComponent(workspaceSlug)}`,
    );
    const handle = (kind: string) => (event: MessageEvent<string>) => {
      const body = JSON.parse(event.data) as {
        progress: number | null;
        message: string | null;
        data: Record<string, unknown> | null;
      };
      setStatus((previous) => ({
        state: FINAL.has(kind) ? (kind as JobProgress["state"]) : "running",
        progress: body.progress ?? previous?.progress ?? 0,
        message: body.message,
        data: body.data,
      }));
      if (FINAL.has(kind)) source.close();
    };
    for (const kind of ["progress", "retrying", "done", "failed", "cancelled"]) {
      source.addEventListener(kind, handle(kind) as EventListener);
    }
    return () => source.close();
  }, [jobId, workspaceSlug]);
  return status;
}
