"use client";

import { useRef, useState } from "react";
import type { OptimizeResult } from "@/server/templates/optimize/optimize-template";

type StreamEvent =
  | { type: "delta"; text: string }
  | { type: "restart"; reason: string }
  | { type: "done"; result: OptimizeResult }
  | { type: "error"; code: string; message: string };

export type OptimizeStreamState =
  | { phase: "idle" }
  | { phase: "streaming"; text: string; note: string | null }
  | { phase: "done"; result: OptimizeResult }
  | { phase: "failed"; message: string };

/**
 * Reads POST /api/templates/<id>/optimize (one JSON event per line) into what the panel shows:
 * the rewrite as it grows, then the finished proposal or the server's error message.
 */
export function useOptimizeStream(slug: string, templateId: string) {
  const [state, setState] = useState<OptimizeStreamState>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function start(goal: string) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "streaming", text: "", note: null });
    try {
      const response = await fetch(`/api/templates/${templateId}/optimize`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-parley-workspace": slug },
        body: JSON.stringify({ goal: goal.trim() || undefined }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        setState({
          phase: "failed",
          message: body?.error?.message ?? `The server answered ${response.status}.`,
        });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let text = "";
      let finished = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let newline = buffer.indexOf("\n");
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf("\n");
          if (!line.trim()) continue;
          const event = JSON.parse(line) as StreamEvent;
          if (event.type === "delta") {
            text += event.text;
            setState((s) => ({
              phase: "streaming",
              text,
              note: s.phase === "streaming" ? s.note : null,
            }));
          } else if (event.type === "restart") {
            text = "";
            setState({ phase: "streaming", text, note: event.reason || null });
          } else if (event.type === "done") {
            finished = true;
            setState({ phase: "done", result: event.result });
          } else {
            finished = true;
            setState({ phase: "failed", message: event.message });
          }
        }
      }
      if (!finished)
        setState({
          phase: "failed",
          message: "The connection closed before the rewrite finished.",
        });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({
        phase: "failed",
        message:
          error instanceof Error && error.name !== "TypeError"
            ? error.message
            : "Could not reach the server.",
      });
    }
  }

  function reset() {
    abort.current?.abort();
    setState({ phase: "idle" });
  }

  return { state, start, reset };
}
