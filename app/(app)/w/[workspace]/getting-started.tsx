import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { classNames } from "@/lib/class-names";

type Step = {
  title: string;
  description: string;
  state: "done" | "todo";
  href?: string;
};

type GettingStartedProps = {
  slug: string;
  /** Admins can act on the steps; agents see where things stand. */
  canManage: boolean;
  hasTeammate: boolean;
  /** Null when the viewer may not see API keys: the step is then left out, not guessed. */
  hasApiKey: boolean | null;
  hasTemplate: boolean;
  /** A dataset finished parsing (training data is in). */
  hasTrainingData: boolean;
  /** A trained model version is deployed and answers suggestions. */
  hasDeployedModel: boolean;
};

function StepMarker({ state }: { state: Step["state"] }) {
  if (state === "done") {
    return (
      <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white">
        <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden="true">
          <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
        </svg>
      </span>
    );
  }
  return (
    <span
      className={classNames(
        "size-6 shrink-0 rounded-full border-2",
        state === "todo" ? "border-accent-500" : "border-zinc-300",
      )}
      aria-hidden="true"
    />
  );
}

const stateText: Record<Step["state"], string> = {
  done: "Done",
  todo: "To do",
};

/** A checklist computed from the workspace's real state, not from a stored flag. */
export function GettingStarted({
  slug,
  canManage,
  hasTeammate,
  hasApiKey,
  hasTemplate,
  hasTrainingData,
  hasDeployedModel,
}: GettingStartedProps) {
  const settings = `/w/${slug}/settings`;
  const steps: (Step | null)[] = [
    {
      title: "Create the workspace",
      description: "Your team's own space in Parley.",
      state: "done",
    },
    {
      title: "Invite a teammate",
      description: "Agents answer customers; admins manage settings.",
      state: hasTeammate ? "done" : "todo",
      href: `${settings}/members`,
    },
    hasApiKey === null
      ? null
      : {
          title: "Create an API key",
          description: "Connect your help desk to push conversations and ask for suggestions.",
          state: hasApiKey ? "done" : "todo",
          href: `${settings}/api-keys`,
        },
    {
      title: "Write reply templates",
      description: "Replies with typed variables and triggers, or import them from your help desk.",
      state: hasTemplate ? "done" : "todo",
      href: `/w/${slug}/templates`,
    },
    {
      title: "Upload training data",
      description:
        "Past conversations, FAQs, articles or labelled examples, mapped to your templates.",
      state: hasTrainingData ? "done" : "todo",
      href: `/w/${slug}/training/datasets`,
    },
    {
      title: "Train and deploy a model",
      description: "Evaluated on held-out data; it ranks templates for every customer message.",
      state: hasDeployedModel ? "done" : "todo",
      href: `/w/${slug}/training`,
    },
  ];
  const shown = steps.filter((step): step is Step => step !== null);
  const done = shown.filter((step) => step.state === "done").length;
  const allDone = done === shown.length;
  const stepList = (
    <ol className="divide-y divide-zinc-100">
      {shown.map((step) => {
        const actionable = canManage && step.state === "todo" && step.href;
        return (
          <li key={step.title} className="flex gap-3 px-5 py-3.5">
            <StepMarker state={step.state} />
            <div className="min-w-0 flex-1 space-y-0.5">
              <div className="flex flex-wrap items-center gap-2">
                {actionable && step.href ? (
                  <Link
                    href={step.href}
                    className="text-sm font-medium text-accent-700 hover:underline"
                  >
                    {step.title}
                  </Link>
                ) : (
                  <span className="text-sm font-medium text-zinc-900">{step.title}</span>
                )}
                <span className="sr-only">({stateText[step.state]})</span>
              </div>
              <p className="text-sm text-zinc-500">{step.description}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );

  return (
    <Card aria-labelledby="getting-started-title">
      <CardHeader
        id="getting-started-title"
        title="Getting started"
        description={
          allDone
            ? `All ${shown.length} steps done: the workspace is set up.`
            : `${done} of ${shown.length} steps done`
        }
      />
      {allDone ? (
        // Done steps are history: folded away, one click to see them again.
        <details>
          <summary className="cursor-pointer px-5 py-3 text-sm font-medium text-accent-700">
            Show the steps
          </summary>
          {stepList}
        </details>
      ) : (
        stepList
      )}
      {!canManage ? (
        <p className="border-t border-zinc-100 px-5 py-3 text-xs text-zinc-500">
          Workspace admins complete these steps.
        </p>
      ) : null}
    </Card>
  );
}
