import Link from "next/link";
import { templatesPath } from "@/components/templates/template-types";
import { Card, CardHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import { csat, duration, pct } from "./format";

type Row = {
  templateId: string;
  name: string;
  categoryName: string | null;
  uses: number;
  conversations: number;
  acceptanceRate: number | null;
  editRate: number | null;
  resolutionRate: number | null;
  avgCsat: number | null;
  avgResponseMs: number | null;
};

type Data = { templates: Row[]; top: string[]; bottom: string[]; minRankedConversations: number };

function Rows({ slug, rows, label }: { slug: string; rows: Row[]; label: string }) {
  return (
    <Table aria-label={label}>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Template</TableHeaderCell>
          <TableHeaderCell>Category</TableHeaderCell>
          <TableHeaderCell className="text-right">Uses</TableHeaderCell>
          <TableHeaderCell className="text-right">Acceptance</TableHeaderCell>
          <TableHeaderCell className="text-right">Edited</TableHeaderCell>
          <TableHeaderCell className="text-right">Resolution</TableHeaderCell>
          <TableHeaderCell className="text-right">CSAT</TableHeaderCell>
          <TableHeaderCell className="text-right">First response</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.templateId}>
            <TableCell>
              <Link
                className="font-medium text-indigo-700 hover:underline"
                href={templatesPath(slug, r.templateId, "analytics")}
              >
                {r.name}
              </Link>
            </TableCell>
            <TableCell>{r.categoryName ?? "—"}</TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(r.uses)}</TableCell>
            <TableCell className="text-right tabular-nums">{pct(r.acceptanceRate)}</TableCell>
            <TableCell className="text-right tabular-nums">{pct(r.editRate)}</TableCell>
            <TableCell className="text-right tabular-nums">{pct(r.resolutionRate)}</TableCell>
            <TableCell className="text-right tabular-nums">{csat(r.avgCsat)}</TableCell>
            <TableCell className="text-right tabular-nums">{duration(r.avgResponseMs)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Top and bottom templates by resolution rate (enough conversations only), then all of them. */
export function TemplatesTable({ slug, data }: { slug: string; data: Data }) {
  const byId = new Map(data.templates.map((t) => [t.templateId, t]));
  const pick = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const ranked = `Ranked by resolution rate among templates used in at least ${data.minRankedConversations} conversations.`;
  return (
    <div className="space-y-6">
      {data.top.length > 0 ? (
        <div className="grid gap-6 xl:grid-cols-2">
          <Card>
            <CardHeader title="Top templates" description={ranked} />
            <Rows slug={slug} rows={pick(data.top)} label="Top templates" />
          </Card>
          {data.bottom.length > 0 ? (
            <Card>
              <CardHeader title="Bottom templates" description={ranked} />
              <Rows slug={slug} rows={pick(data.bottom)} label="Bottom templates" />
            </Card>
          ) : null}
        </div>
      ) : null}
      <Card>
        <CardHeader title="All templates" description="Most used first." />
        <Rows slug={slug} rows={data.templates} label="Template analytics" />
      </Card>
    </div>
  );
}
