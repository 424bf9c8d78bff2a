"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { LoadMoreFooter } from "@/components/ui/paged-list";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatCount, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";
import { AccuracyChart } from "./accuracy-chart";
import { pct } from "./format";

type Versions = RouterOutputs["training"]["versions"];
type Pending = { kind: "deploy"; id: string; version: number } | { kind: "rollback" } | null;

/** A page of the table; "Load older versions" asks for the next one. */
const PAGE_SIZE = 50;

/**
 * Versions with their headline metrics, the accuracy chart, deploy / rollback, compare. The
 * newest PAGE_SIZE come with the page; older ones load on request (keyset on the version
 * number), and the chart follows what is loaded.
 */
export function VersionsPanel({
  initial,
  slug,
  canManage,
}: {
  initial: Versions;
  slug: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const formatting = useDateFormatting();
  const versions = useInfiniteQuery(
    trpc.training.versions.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        initialData: { pages: [initial], pageParams: [null] },
      },
    ),
  );
  const [pending, setPending] = useState<Pending>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const done = () => {
    setPending(null);
    void versions.refetch();
    router.refresh();
  };
  const deploy = useMutation(trpc.training.deploy.mutationOptions({ onSuccess: done }));
  const rollback = useMutation(trpc.training.rollback.mutationOptions({ onSuccess: done }));
  const error = formErrorMessage(deploy.error ?? rollback.error);
  const pages = versions.data?.pages ?? [initial];
  const list = pages.flatMap((page) => page.versions);
  // The whole workspace's answers come with the first page (the live version may be older
  // than every loaded row).
  const first = pages[0] ?? initial;
  const live = first.deployed;
  const rollbackTo = first.rollbackTo;
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const [a, b] = picked;
  return (
    <Card aria-labelledby="versions-title">
      <CardHeader
        id="versions-title"
        title="Model versions"
        description={live ? `Version ${live.version} is deployed.` : "No version is deployed."}
        actions={
          <>
            {a && b ? (
              <Link
                className="text-sm font-medium text-accent-700"
                href={`/w/${slug}/training/compare?a=${a}&b=${b}`}
              >
                Compare selected
              </Link>
            ) : (
              <span className="text-xs text-zinc-500">Tick two versions to compare them</span>
            )}
            {canManage && live && rollbackTo ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setPending({ kind: "rollback" })}
              >
                Roll back to v{rollbackTo.version}
              </Button>
            ) : null}
          </>
        }
      />
      {list.length > 1 ? (
        <AccuracyChart
          points={list.map((v) => ({
            version: v.version,
            top1: v.headline?.top1 ?? null,
            top3: v.headline?.top3 ?? null,
            macroF1: v.headline?.macroF1 ?? null,
            scenarios: v.headline?.scenarioTop1 ?? null,
          }))}
        />
      ) : null}
      {error ? (
        <Alert tone="error" className="mx-5 my-3">
          {error}
        </Alert>
      ) : null}
      {list.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">No model versions yet.</p>
      ) : (
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>
                <span className="sr-only">Compare</span>
              </TableHeaderCell>
              <TableHeaderCell>Version</TableHeaderCell>
              <TableHeaderCell>Top-1</TableHeaderCell>
              <TableHeaderCell>Top-3</TableHeaderCell>
              <TableHeaderCell>Macro-F1</TableHeaderCell>
              <TableHeaderCell>Scenarios</TableHeaderCell>
              <TableHeaderCell>Examples</TableHeaderCell>
              {/* Size is on the version's page and in comparisons: with it the Deploy
                  buttons did not fit a 1,400-pixel window. */}
              <TableHeaderCell>Trained</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((v) => (
              <TableRow key={v.id} data-testid={`version-row-${v.version}`}>
                <TableCell>
                  <input
                    type="checkbox"
                    aria-label={`Compare version ${v.version}`}
                    checked={picked.includes(v.id)}
                    onChange={() => toggle(v.id)}
                  />
                </TableCell>
                <TableCell>
                  <Link
                    className="font-medium text-zinc-900"
                    href={`/w/${slug}/training/versions/${v.id}`}
                  >
                    v{v.version}
                  </Link>{" "}
                  {v.deployed ? <Badge tone="success">deployed</Badge> : null}
                </TableCell>
                <TableCell>{pct(v.headline?.top1)}</TableCell>
                <TableCell>{pct(v.headline?.top3)}</TableCell>
                <TableCell>{pct(v.headline?.macroF1)}</TableCell>
                <TableCell>{pct(v.headline?.scenarioTop1)}</TableCell>
                <TableCell>{formatCount(v.exampleCount)}</TableCell>
                <TableCell className="whitespace-nowrap text-zinc-500">
                  {formatDateTime(v.createdAt, formatting)}
                </TableCell>
                <TableCell className="text-right">
                  {canManage && !v.deployed ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => setPending({ kind: "deploy", id: v.id, version: v.version })}
                    >
                      Deploy
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <LoadMoreFooter
        hasMore={versions.hasNextPage}
        loading={versions.isFetchingNextPage}
        onLoadMore={() => void versions.fetchNextPage()}
        label="Load older versions"
        summary={
          <span data-testid="versions-shown">
            Showing the newest {formatCount(list.length)} of {formatCount(first.total)} versions
          </span>
        }
      />
      {versions.isFetchNextPageError ? (
        <Alert tone="error" className="mx-5 my-3">
          Older versions could not be loaded. {formErrorMessage(versions.error)}
        </Alert>
      ) : null}
      {first.deployments.length > 0 ? (
        <details className="border-t border-zinc-200 px-5 py-3 text-sm">
          <summary className="cursor-pointer text-zinc-600">Deployment history</summary>
          <ol className="mt-2 space-y-1 text-zinc-600">
            {first.deployments.map((d) => (
              <li key={d.id}>
                {formatDateTime(d.createdAt, formatting)}:{" "}
                {d.action === "rollback" ? "rolled back to" : "deployed"} v{d.version} by{" "}
                {d.actorLabel}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <Dialog
        open={pending !== null}
        onClose={() => setPending(null)}
        title={
          pending?.kind === "deploy"
            ? `Deploy version ${pending.version}?`
            : `Roll back to version ${rollbackTo?.version ?? ""}?`
        }
        description={
          pending?.kind === "deploy"
            ? "Suggestions in every agent's inbox switch to this version at once."
            : `Version ${rollbackTo?.version ?? ""}, live before version ${live?.version ?? ""}, is deployed again. Suggestions in every agent's inbox switch to it at once.`
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setPending(null)}>
              Keep the current version
            </Button>
            <Button
              pending={deploy.isPending || rollback.isPending}
              pendingLabel="Switching…"
              onClick={() =>
                pending?.kind === "deploy"
                  ? deploy.mutate({ versionId: pending.id })
                  : rollback.mutate({})
              }
            >
              {pending?.kind === "deploy" ? "Deploy" : "Roll back"}
            </Button>
          </>
        }
      />
    </Card>
  );
}
