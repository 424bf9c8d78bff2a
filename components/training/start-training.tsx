"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formErrorMessage } from "@/lib/trpc-errors";

/** Starts a training run (optionally on the scenarios too) and opens its job page. */
export function StartTraining({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [withScenarios, setWithScenarios] = useState(false);
  const open = (r: { jobId: string }) => router.push(`/w/${slug}/training/jobs/${r.jobId}`);
  const start = useMutation(trpc.training.start.mutationOptions({ onSuccess: open }));
  const onScenarios = useMutation(
    trpc.training.trainOnScenarios.mutationOptions({ onSuccess: open }),
  );
  const error = formErrorMessage(start.error ?? onScenarios.error);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center gap-3">
        <label className="flex items-center gap-2 text-sm text-zinc-600">
          <input
            type="checkbox"
            checked={withScenarios}
            onChange={(e) => setWithScenarios(e.target.checked)}
          />
          Add scenarios to the training data
        </label>
        <Button
          onClick={() => (withScenarios ? onScenarios.mutate({}) : start.mutate({}))}
          pending={start.isPending || onScenarios.isPending}
          pendingLabel="Starting…"
        >
          Start training
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
