import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/server-caller";

/** The template for a page, or the 404 page when it is not in this workspace (or not an id). */
export async function loadTemplate(slug: string, id: string) {
  const caller = await getServerCaller(slug);
  try {
    return await caller.templates.get({ id });
  } catch (error) {
    if (
      error instanceof TRPCError &&
      (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")
    ) {
      notFound();
    }
    throw error;
  }
}

export async function loadCategoryNames(slug: string): Promise<string[]> {
  const caller = await getServerCaller(slug);
  const categories = await caller.templates.categories.list();
  return categories.map((category) => category.name);
}
