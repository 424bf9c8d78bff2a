"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import {
  actionLabel,
  auditEntryHref,
  describeAuditEntry,
  knownAuditActions,
} from "@/components/audit/describe-audit-entry";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { LoadMoreFooter, PagedListBody } from "@/components/ui/paged-list";
import { Select } from "@/components/ui/select";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useCurrentWorkspace, useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type AuditPage = RouterOutputs["audit"]["list"];
type Filters = { action?: string; actorId?: string; from?: Date; to?: Date };

/** A yyyy-mm-dd from a date input as the start (or the end) of that day, in UTC. */
function dayBound(value: string, end: boolean): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T${end ? "23:59:59.999" : "00:00:00.000"}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function download(filename: string, mimeType: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The audit trail, newest first, filtered on the server, paged with the server's cursor. */
export function AuditLog({ firstPage, pageSize }: { firstPage: AuditPage; pageSize: number }) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const { slug } = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const unfiltered = Object.values(filters).every((value) => value === undefined);
  const actors = useQuery(trpc.audit.actors.queryOptions());

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
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setFilters({
      action: value("action") || undefined,
      actorId: value("actorId") || undefined,
      from: dayBound(value("from"), false),
      to: dayBound(value("to"), true),
    });
  }

  async function onExport() {
    setExporting(true);
    setExportError(null);
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.audit.exportCsv.queryOptions(filters),
        staleTime: 0,
      });
      download(file.filename, file.mimeType, file.content);
    } catch (error) {
      setExportError(formErrorMessage(error));
    } finally {
      setExporting(false);
    }
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
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_auto_auto] lg:items-end"
        >
          <FormField label="Action">
            {(control) => (
              <Select {...control} name="action" defaultValue="">
                <option value="">Any action</option>
                {knownAuditActions.map((action) => (
                  <option key={action} value={action}>
                    {actionLabel(action)}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField label="Person">
            {(control) => (
              <Select {...control} name="actorId" defaultValue="">
                <option value="">Anyone</option>
                {(actors.data ?? []).map((actor) => (
                  <option key={actor.actorId ?? ""} value={actor.actorId ?? ""}>
                    {actor.actorLabel ?? actor.actorId}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField label="From">
            {(control) => <Input {...control} type="date" name="from" />}
          </FormField>
          <FormField label="To">
            {(control) => <Input {...control} type="date" name="to" />}
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
            <Button
              type="button"
              variant="secondary"
              onClick={() => void onExport()}
              pending={exporting}
              pendingLabel="Exporting…"
            >
              Download CSV
            </Button>
          </div>
        </form>
        {exportError ? (
          <Alert tone="error" className="mt-3">
            {exportError}
          </Alert>
        ) : null}
      </CardBody>

      <PagedListBody
        error={error}
        pending={query.isPending}
        loadingLabel="Loading entries…"
        empty={entries.length === 0}
        emptyLabel={unfiltered ? "No activity recorded yet." : "No entries match these filters."}
      >
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>What</TableHeaderCell>
              <TableHeaderCell>Who</TableHeaderCell>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell>IP</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell className="max-w-md min-w-64 whitespace-normal">
                  <AuditSentence entry={entry} slug={slug} />
                  {/* The entity's type beside the action: a column of its own pushed the IP
                      out of a 1,400-pixel window. */}
                  <p className="font-mono text-xs text-zinc-500">
                    {entry.action} · {entry.entityType}
                  </p>
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <span className="max-w-48 truncate" title={entry.actorLabel ?? undefined}>
                      {entry.actorLabel ?? "—"}
                    </span>
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
                  {entry.ip ?? "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </PagedListBody>
      <LoadMoreFooter
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </Card>
  );
}

/** The entry as a sentence that wraps (never widens the table), linked to its subject. */
function AuditSentence({ entry, slug }: { entry: AuditPage["items"][number]; slug: string }) {
  const sentence = describeAuditEntry(entry);
  const href = auditEntryHref(entry, slug);
  return (
    <p className="break-words text-zinc-900 [overflow-wrap:anywhere]">
      {href ? (
        <Link href={href} className="underline decoration-zinc-300 underline-offset-2">
          {sentence}
        </Link>
      ) : (
        sentence
      )}
    </p>
  );
}
