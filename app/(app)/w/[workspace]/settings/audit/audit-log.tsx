"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import {
  describeAuditEntry,
  knownAuditActions,
  knownEntityTypes,
} from "@/components/audit/describe-audit-entry";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type AuditPage = RouterOutputs["audit"]["list"];
type Filters = { action?: string; entityType?: string };

/** The audit trail, newest first, filtered on the server, paged with the server's cursor. */
export function AuditLog({ firstPage, pageSize }: { firstPage: AuditPage; pageSize: number }) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const actionListId = useId();
  const entityListId = useId();
  const [filters, setFilters] = useState<Filters>({});
  const unfiltered = !filters.action && !filters.entityType;

  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: pageSize, ...filters },
      {
        getNextPageParam: (page) => page.nextCursor,
        // The server already rendered the first unfiltered page.
        initialData: unfiltered ? { pages: [firstPage], pageParams: [null] } : undefined,
      },
    ),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const action = String(form.get("action") ?? "").trim();
    const entityType = String(form.get("entityType") ?? "").trim();
    setFilters({ action: action || undefined, entityType: entityType || undefined });
  }

  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  const error = formErrorMessage(query.error);

  return (
    <Card aria-labelledby="audit-title">
      <CardHeader
        id="audit-title"
        title="Audit log"
        description="Every change in this workspace: who made it, when and from where."
      />
      <CardBody className="border-b border-zinc-200">
        <form
          onSubmit={onSubmit}
          onReset={() => setFilters({})}
          className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        >
          <FormField label="Action">
            {(control) => (
              <>
                <Input
                  {...control}
                  name="action"
                  list={actionListId}
                  placeholder="e.g. member.invite"
                  autoComplete="off"
                />
                <datalist id={actionListId}>
                  {knownAuditActions.map((action) => (
                    <option key={action} value={action} />
                  ))}
                </datalist>
              </>
            )}
          </FormField>
          <FormField label="Entity type">
            {(control) => (
              <>
                <Input
                  {...control}
                  name="entityType"
                  list={entityListId}
                  placeholder="e.g. api_key"
                  autoComplete="off"
                />
                <datalist id={entityListId}>
                  {knownEntityTypes.map((type) => (
                    <option key={type} value={type} />
                  ))}
                </datalist>
              </>
            )}
          </FormField>
          <div className="flex gap-2">
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
            {!unfiltered ? (
              <Button type="reset" variant="ghost">
                Clear
              </Button>
            ) : null}
          </div>
        </form>
      </CardBody>

      {error ? (
        <div className="p-5">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : query.isPending ? (
        <p
          className="flex items-center justify-center gap-2 px-5 py-10 text-sm text-zinc-500"
          role="status"
        >
          <Spinner /> Loading entries…
        </p>
      ) : entries.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-zinc-500">
          {unfiltered ? "No activity recorded yet." : "No entries match these filters."}
        </p>
      ) : (
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>What</TableHeaderCell>
              <TableHeaderCell>Who</TableHeaderCell>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell>Entity</TableHeaderCell>
              <TableHeaderCell>IP</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell className="min-w-64">
                  <p className="text-zinc-900">{describeAuditEntry(entry)}</p>
                  <p className="font-mono text-xs text-zinc-500">{entry.action}</p>
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <span className="max-w-56 truncate">{entry.actorLabel ?? "—"}</span>
                    {entry.actorType === "api_key" ? <Badge>API key</Badge> : null}
                    {entry.actorType === "system" ? <Badge>System</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="whitespace-nowrap text-zinc-500">
                  <time dateTime={new Date(entry.createdAt).toISOString()}>
                    {formatDateTime(entry.createdAt, formatting)}
                  </time>
                </TableCell>
                <TableCell className="font-mono text-xs whitespace-nowrap text-zinc-500">
                  {entry.entityType}
                </TableCell>
                <TableCell className="font-mono text-xs whitespace-nowrap text-zinc-500">
                  {entry.ip ?? "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {query.hasNextPage ? (
        <div className="flex justify-center border-t border-zinc-200 px-5 py-3">
          <Button
            variant="secondary"
            onClick={() => query.fetchNextPage()}
            pending={query.isFetchingNextPage}
            pendingLabel="Loading…"
          >
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
