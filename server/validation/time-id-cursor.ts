import { type Column, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { badRequest } from "@/server/errors";
import { cursorTimestamp } from "./cursor";

/**
 * A keyset cursor over (time, id), newest first, as base64url-encoded JSON: the time is the
 * list's ordering column (created_at for the audit log and jobs, last_message_at for the inbox),
 * exactly as PostgreSQL prints it (microseconds: a JS Date would round them away and repeat or
 * skip rows). Cursors come back from clients, so a forged one is a BAD_REQUEST.
 */
export function timeIdCursor<I extends z.ZodType<string | number>>(id: I) {
  const schema = z.object({ t: cursorTimestamp, i: id });
  type Cursor = { t: string; i: z.output<I> };
  const encode = (cursor: Cursor): string =>
    Buffer.from(JSON.stringify(cursor)).toString("base64url");
  return {
    encode,
    /**
     * A page from rows read with `limit + 1` (each with its `cursorTime`, see cursorTimeOf):
     * the first `limit` rows without it, and the cursor after the last when there are more.
     */
    page<R extends { cursorTime: string; id: z.output<I> }>(rows: R[], limit: number) {
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last ? encode({ t: last.cursorTime, i: last.id }) : null;
      return {
        items: page.map(({ cursorTime: _, ...row }) => row as Omit<R, "cursorTime">),
        nextCursor,
      };
    },
    decode(value: string): Cursor {
      try {
        return schema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8"))) as Cursor;
      } catch {
        throw badRequest("Invalid cursor", { cursor: ["Invalid cursor"] });
      }
    },
  };
}

/** A timestamp column as UTC ISO with microseconds, whatever the session's TimeZone and DateStyle. */
export function cursorTimeOf(column: Column): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
