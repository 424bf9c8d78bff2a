"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Button } from "@/components/ui/button";

/** ★ Favourite / ☆ for the signed-in person; the library can list just these. */
export function FavouriteButton({ templateId }: { templateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const favourites = useQuery(trpc.templates.favourites.list.queryOptions());
  const set = useMutation(trpc.templates.favourites.set.mutationOptions());
  const on = favourites.data?.includes(templateId) ?? false;

  async function toggle() {
    try {
      await set.mutateAsync({ id: templateId, favourite: !on });
      await queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
    } catch {
      // The button stays as it was; nothing else depends on it.
    }
  }

  return (
    <Button
      variant="ghost"
      onClick={() => void toggle()}
      aria-pressed={on}
      pending={set.isPending}
      pendingLabel={on ? "Removing…" : "Adding…"}
      disabled={favourites.isPending}
    >
      {on ? "★ Favourite" : "☆ Add to favourites"}
    </Button>
  );
}
