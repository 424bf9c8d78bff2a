"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatCount, pluralize } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

/** Conversations: match agent replies to templates. FAQ: make templates from the answers. */
export function DerivePanel({
  datasetId,
  kind,
  onChanged,
}: {
  datasetId: string;
  kind: "conversations" | "faq";
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const [threshold, setThreshold] = useState("0.25");
  const [message, setMessage] = useState<string | null>(null);
  const match = useMutation(
    trpc.datasets.matchReplies.mutationOptions({
      onSuccess: (r) => {
        setMessage(
          `${formatCount(r.matched)} of ${pluralize(r.pairs, "reply", "replies")} matched a template (score ≥ ${r.threshold}); ${pluralize(r.examples, "training example")}.`,
        );
        onChanged();
      },
    }),
  );
  const faq = useMutation(
    trpc.datasets.createFaqTemplates.mutationOptions({
      onSuccess: (r) => {
        setMessage(
          `Created ${pluralize(r.templates, "draft template")} and ${pluralize(r.examples, "training example")}.`,
        );
        onChanged();
      },
    }),
  );
  const error = match.error ?? faq.error;
  return (
    <Card aria-labelledby="derive-title">
      <CardHeader
        id="derive-title"
        title="Training examples"
        description={
          kind === "conversations"
            ? "Each agent reply is compared with your templates; a customer message whose reply clearly matches one becomes an example for it."
            : "Each distinct answer becomes a draft template; its questions become examples for it."
        }
      />
      <CardBody className="space-y-3">
        {kind === "conversations" ? (
          <div className="flex items-end gap-3">
            <FormField label="Match threshold" hint="0–1; higher keeps fewer, surer matches.">
              {(field) => (
                <Input
                  {...field}
                  type="number"
                  min={0}
                  max={1}
                  step={0.05}
                  value={threshold}
                  onChange={(event) => setThreshold(event.target.value)}
                />
              )}
            </FormField>
            <Button
              pending={match.isPending}
              pendingLabel="Matching…"
              onClick={() =>
                match.mutate({ id: datasetId, threshold: Number(threshold) || undefined })
              }
            >
              Match replies to templates
            </Button>
          </div>
        ) : (
          <Button
            pending={faq.isPending}
            pendingLabel="Creating…"
            onClick={() => faq.mutate({ id: datasetId })}
          >
            Create templates from answers
          </Button>
        )}
        {message ? (
          <p role="status" className="text-sm text-green-700">
            {message}
          </p>
        ) : null}
        {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      </CardBody>
    </Card>
  );
}
