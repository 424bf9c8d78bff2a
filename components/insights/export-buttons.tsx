"use client";

import { useState } from "react";
import { download } from "@/components/analytics/format";
import { useTRPCClient } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formErrorMessage } from "@/lib/trpc-errors";

/** Downloads a run's gaps, topics or recommendations as CSV or JSON (built by the server). */
export function ExportButtons({
  runId,
  what,
}: {
  runId: string;
  what: "gaps" | "patterns" | "insights";
}) {
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<"csv" | "json" | null>(null);
  async function exportAs(format: "csv" | "json") {
    setError(null);
    setPending(format);
    try {
      const file = await client.analysis.export.query({ runId, what, format });
      download(file.filename, file.contentType, file.body);
    } catch (e) {
      setError(formErrorMessage(e));
    } finally {
      setPending(null);
    }
  }
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => exportAs("csv")}
          pending={pending === "csv"}
          pendingLabel="Exporting…"
        >
          Export CSV
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => exportAs("json")}
          pending={pending === "json"}
          pendingLabel="Exporting…"
        >
          Export JSON
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
