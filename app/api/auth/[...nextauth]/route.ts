import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/server/auth/auth";
import {
  AUTH_BODY_LIMIT,
  formatBytes,
  readBodyWithin,
  TOO_LARGE_HEADERS,
  withBody,
} from "@/server/http/body-limit";

export const dynamic = "force-dynamic";

export const GET = handlers.GET;

/** Auth.js posts small forms only: bodies over 64 KB are refused before it parses them. */
export async function POST(request: NextRequest): Promise<Response> {
  const result = await readBodyWithin(request, AUTH_BODY_LIMIT);
  if (!result.ok) {
    const message = `The request body is larger than ${formatBytes(AUTH_BODY_LIMIT)}.`;
    return NextResponse.json({ error: message }, { status: 413, headers: TOO_LARGE_HEADERS });
  }
  return handlers.POST(new NextRequest(withBody(request, result.body)));
}
