import "server-only";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { notifications } from "@/server/db/schema-messagerie";
import { serverEnv } from "@/server/env";

export interface NewNotification {
  title: string;
  body?: string;
  link?: string;
}

/** Adds a notification inside the caller's transaction, beside the change it tells about. */
export async function notify(executor: Executor, userId: string, notification: NewNotification) {
  await executor.insert(notifications).values({
    userId,
    title: notification.title,
    body: notification.body ?? "",
    link: notification.link ?? null,
  });
}

export async function countUnread(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The user's own notifications, newest first: the id always comes from the session. */
export async function listNotifications(executor: Executor, actor: CurrentUser, limit = 50) {
  return executor
    .select()
    .from(notifications)
    .where(eq(notifications.userId, actor.id))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function markAllRead(executor: Executor, actor: CurrentUser) {
  const updated = await executor
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/** Notifies every member of the DINUM team who has signed in at least once. */
export async function notifyDinum(executor: Executor, notification: NewNotification) {
  const emails = serverEnv().DINUM_ALLOWED_EMAILS;
  if (!emails.length) return;
  const members = await executor.select({ id: users.id }).from(users).where(inArray(users.email, emails));
  for (const member of members) await notify(executor, member.id, notification);
}
