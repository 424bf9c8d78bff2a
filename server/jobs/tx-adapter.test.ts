import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { positional } from "./tx-adapter";

describe("positional", () => {
  it("rebuilds $n placeholders as parameters, repeated ones included, objects as JSON", () => {
    const query = new PgDialect().sqlToQuery(
      positional("select $1::jsonb, $2, $2 + 1, $3", [{ a: 1 }, 5, undefined]),
    );
    expect(query.sql).toBe("select $1::jsonb, $2, $3 + 1, $4");
    expect(query.params).toEqual(['{"a":1}', 5, 5, null]);
  });
});
