import type { Metadata } from "next";
import { currencyOptions, localeOptions, timeZoneOptions, withCurrent } from "@/lib/intl-options";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { GeneralSettingsForm } from "./general-settings-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "General settings" };

type GeneralSettingsPageProps = { params: Promise<{ workspace: string }> };

export default async function GeneralSettingsPage({ params }: GeneralSettingsPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/settings`);
  const caller = await getServerCaller(slug);
  const workspace = await caller.workspace.get();

  return (
    <GeneralSettingsForm
      workspace={{
        name: workspace.name,
        slug: workspace.slug,
        locale: workspace.locale,
        currency: workspace.currency,
        timezone: workspace.timezone,
      }}
      canEdit={isAtLeast(workspace.role, "admin")}
      currencies={withCurrent(currencyOptions(), workspace.currency)}
      timeZones={withCurrent(timeZoneOptions(), workspace.timezone)}
      locales={withCurrent(localeOptions(), workspace.locale)}
    />
  );
}
