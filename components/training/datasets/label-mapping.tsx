"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { useTemplateChoices } from "@/components/templates/use-template-choices";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { formatCount, pluralize } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

/**
 * Label → template mapping of a labelled dataset. Changing a select saves that label at once
 * (and rewrites the dataset's training examples); "Create missing templates" makes one draft
 * template per unmapped label.
 */
export function LabelMapping({
  datasetId,
  canWrite,
  onChanged,
}: {
  datasetId: string;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const labels = useQuery(trpc.datasets.labels.queryOptions({ id: datasetId }));
  const templates = useTemplateChoices();
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    void labels.refetch();
    void templates.refetch();
    onChanged();
  };
  const map = useMutation(
    trpc.datasets.mapLabels.mutationOptions({
      onSuccess: (r) =>
        done(
          `Saved: ${pluralize(r.mapped, "label")} mapped, ${pluralize(r.examples, "training example")}.`,
        ),
    }),
  );
  const create = useMutation(
    trpc.datasets.createMissingTemplates.mutationOptions({
      onSuccess: (r) =>
        done(
          `Created ${pluralize(r.created, "draft template")}; ${pluralize(r.mapped, "label")} mapped, ${pluralize(r.examples, "training example")}.`,
        ),
    }),
  );
  const rows = labels.data ?? [];
  const unmapped = rows.filter((l) => !l.templateId).length;
  const options = [
    { value: "", label: "— not mapped —" },
    ...templates.items.map((t) => ({ value: t.id, label: t.name })),
  ];
  const error = map.error ?? create.error;
  return (
    <Card aria-labelledby="labels-title">
      <CardHeader
        id="labels-title"
        title="Labels → templates"
        description={`${rows.length} labels, ${unmapped} not mapped. Rows of a mapped label become training examples for its template.`}
      />
      <CardBody className="space-y-3">
        {canWrite ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={unmapped === 0}
            pending={create.isPending}
            pendingLabel="Creating…"
            onClick={() => create.mutate({ id: datasetId })}
          >
            Create missing templates
          </Button>
        ) : null}
        {message ? (
          <p role="status" className="text-sm text-green-700">
            {message}
          </p>
        ) : null}
        {error ? <Alert tone="error">{formErrorMessage(error)}</Alert> : null}
      </CardBody>
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Label</TableHeaderCell>
            <TableHeaderCell className="text-right">Rows</TableHeaderCell>
            <TableHeaderCell>Template</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((l) => (
            <TableRow key={l.label}>
              <TableCell className="font-mono text-xs">{l.label}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(l.rows)}</TableCell>
              <TableCell>
                {canWrite ? (
                  <Select
                    aria-label={`Template for ${l.label}`}
                    value={l.templateId ?? ""}
                    disabled={map.isPending}
                    options={
                      l.templateId && !options.some((o) => o.value === l.templateId)
                        ? [...options, { value: l.templateId, label: l.templateName ?? "" }]
                        : options
                    }
                    onChange={(event) =>
                      map.mutate({
                        id: datasetId,
                        mapping: [{ label: l.label, templateId: event.target.value || null }],
                      })
                    }
                  />
                ) : (
                  (l.templateName ?? "—")
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
