import { z } from "zod";
import { safeText } from "@/server/validation/text";
import {
  inviteAndQueueEmail,
  listOpenInvitations,
  revokeInvitation,
} from "@/server/workspaces/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/server/workspaces/members";
import { createWorkspaceForUser, myWorkspaces } from "@/server/workspaces/my-workspaces";
import {
  emailSchema,
  roleSchema,
  workspaceNameSchema,
  workspaceSettingsSchema,
} from "@/server/workspaces/schemas";
import { getWorkspace, updateWorkspace } from "@/server/workspaces/settings";
import {
  adminProcedure,
  authedProcedure,
  createTRPCRouter,
  humanAdminProcedure,
  workspaceProcedure,
} from "../trpc";

const userIdSchema = safeText({ max: 100, min: 1, label: "The user id" });

const membersRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => listMembers(ctx)),

  invite: humanAdminProcedure
    .input(z.object({ email: emailSchema, role: roleSchema }))
    .mutation(({ ctx, input }) =>
      inviteAndQueueEmail(ctx, input, ctx.origin ?? "http://localhost:3000"),
    ),

  changeRole: humanAdminProcedure
    .input(z.object({ userId: userIdSchema, role: roleSchema }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx, input)),

  remove: humanAdminProcedure
    .input(z.object({ userId: userIdSchema }))
    .mutation(({ ctx, input }) => removeMember(ctx, input)),
});

const invitationsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listOpenInvitations(ctx)),

  revoke: humanAdminProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx, input)),
});

export const workspaceRouter = createTRPCRouter({
  mine: authedProcedure.query(({ ctx }) => myWorkspaces(ctx.db, ctx.actor)),

  create: authedProcedure
    .input(z.object({ name: workspaceNameSchema }))
    .mutation(({ ctx, input }) =>
      createWorkspaceForUser(ctx.db, ctx.actor, { name: input.name, ip: ctx.ip }),
    ),

  get: workspaceProcedure.query(({ ctx }) => getWorkspace(ctx)),

  update: adminProcedure
    .input(workspaceSettingsSchema)
    .mutation(({ ctx, input }) => updateWorkspace(ctx, input)),

  members: membersRouter,
  invitations: invitationsRouter,
});
