import "server-only";
import { and, eq, isNull, lt, lte, max, or } from "drizzle-orm";
import { loadAgentProfile, rankPublishedMissionsForAgent } from "@/features/appariement/service";
import { FIT_LABELS } from "@/lib/matching/fit";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { missions, users } from "@/server/db/schema";
import { missionAlertDigests, missionAlertItems, missionAlerts } from "@/server/db/schema-alertes";
import { serverEnv } from "@/server/env";
import { enqueueEmail } from "@/server/mail/outbox";
import { createUnsubscribeToken, hashUnsubscribeToken, looksLikeUnsubscribeToken } from "./tokens";

/** Missions listed in one digest, at most. */
export const DIGEST_MISSIONS = 10;

const AGENTS_ONLY = "L'alerte de missions est réservée aux agents.";

export async function getMissionAlert(executor: Executor, actor: CurrentUser): Promise<{ active: boolean }> {
  assertRole(actor, "agent", AGENTS_ONLY);
  const [row] = await executor.select({ active: missionAlerts.active }).from(missionAlerts).where(eq(missionAlerts.agentId, actor.id));
  return { active: row?.active ?? false };
}

/** The agent opts in or out of the weekly email of new missions that fit them. */
export async function setMissionAlert(executor: Executor, actor: CurrentUser, active: boolean): Promise<{ active: boolean }> {
  assertRole(actor, "agent", AGENTS_ONLY);
  const now = new Date();
  await executor.transaction(async (tx) => {
    const [current] = await tx.select().from(missionAlerts).where(eq(missionAlerts.agentId, actor.id)).for("update");
    if (!current) {
      await tx.insert(missionAlerts).values({ agentId: actor.id, active, subscribedAt: now, unsubscribedAt: active ? null : now });
      return;
    }
    if (current.active === active) return;
    // Coming back: the next digest covers the week before, as for a first subscription.
    await tx
      .update(missionAlerts)
      .set(active ? { active, subscribedAt: now, unsubscribedAt: null, lastDigestAt: null, checkedThrough: null } : { active, unsubscribedAt: now })
      .where(eq(missionAlerts.agentId, actor.id));
  });
  return { active };
}

/** One-click unsubscribe from a digest's link: no login, the token proves who it is for. */
export async function unsubscribeWithToken(executor: Executor, token: string): Promise<"desabonne" | "inconnu"> {
  if (!looksLikeUnsubscribeToken(token)) return "inconnu";
  const [digest] = await executor
    .select({ agentId: missionAlertDigests.agentId })
    .from(missionAlertDigests)
    .where(eq(missionAlertDigests.unsubscribeTokenHash, hashUnsubscribeToken(token)));
  if (!digest) return "inconnu";
  await executor
    .update(missionAlerts)
    .set({ active: false, unsubscribedAt: new Date() })
    .where(and(eq(missionAlerts.agentId, digest.agentId), eq(missionAlerts.active, true)));
  return "desabonne";
}

export interface DigestReport {
  sent: number;
  /** Digests computed with nothing new that fits: no email. */
  empty: number;
}

/**
 * The weekly digests that are due. An agent is due when no digest was sent to them within the
 * interval and a mission was published after the newest one already considered for them. Each
 * agent is claimed in a short transaction (row locked SKIP LOCKED, `checked_through` moved), so
 * several instances running this job never compute the same digest twice; the ranking runs
 * outside any transaction (on the embedded database, a transaction holds the only connection);
 * the digest, its missions and the email are then written in one transaction. A mission is never
 * sent twice to an agent (one row per agent and mission, primary key).
 */
export async function sendDueMissionAlerts(
  executor: Executor,
  options: { now?: Date; intervalMs?: number; appUrl?: string; batch?: number } = {},
): Promise<DigestReport> {
  const env = serverEnv();
  const now = options.now ?? new Date();
  const intervalMs = options.intervalMs ?? env.MISSION_ALERT_INTERVAL_HOURS * 3_600_000;
  const appUrl = options.appUrl ?? env.APP_URL;
  const cutoff = new Date(now.getTime() - intervalMs);
  const report: DigestReport = { sent: 0, empty: 0 };
  const [newest] = await executor.select({ at: max(missions.publishedAt) }).from(missions).where(eq(missions.state, "publiee"));
  const latestPublication = newest?.at ?? null;
  if (!latestPublication) return report;
  for (let index = 0; index < (options.batch ?? 20); index += 1) {
    const alert = await executor.transaction(async (tx) => {
      const [due] = await tx
        .select()
        .from(missionAlerts)
        .where(
          and(
            eq(missionAlerts.active, true),
            or(isNull(missionAlerts.lastDigestAt), lte(missionAlerts.lastDigestAt, cutoff)),
            or(isNull(missionAlerts.checkedThrough), lt(missionAlerts.checkedThrough, latestPublication)),
          ),
        )
        .orderBy(missionAlerts.lastDigestAt)
        .limit(1)
        .for("update", { skipLocked: true });
      if (due) await tx.update(missionAlerts).set({ checkedThrough: latestPublication }).where(eq(missionAlerts.agentId, due.agentId));
      return due ?? null;
    });
    if (!alert) break;
    report[(await sendDigest(executor, alert, { now, intervalMs, appUrl })) ? "sent" : "empty"] += 1;
  }
  return report;
}

/** Ranks the new missions for one claimed agent and, when some fit, writes the digest. */
async function sendDigest(
  executor: Executor,
  alert: typeof missionAlerts.$inferSelect,
  { now, intervalMs, appUrl }: { now: Date; intervalMs: number; appUrl: string },
): Promise<boolean> {
  // New since the last digest; for a first one, the week before the subscription.
  const since = alert.lastDigestAt ?? new Date(alert.subscribedAt.getTime() - intervalMs);
  const profile = await loadAgentProfile(executor, alert.agentId);
  if (!profile || profile.visibility === "en_pause") return false;
  const alreadySent = new Set(
    (await executor.select({ missionId: missionAlertItems.missionId }).from(missionAlertItems).where(eq(missionAlertItems.agentId, alert.agentId))).map(
      (row) => row.missionId,
    ),
  );
  const { fits, published } = await rankPublishedMissionsForAgent(executor, profile, {
    top: DIGEST_MISSIONS,
    only: (mission) => mission.publishedAt !== null && mission.publishedAt > since && !alreadySent.has(mission.id),
  });
  if (!fits.length) return false;
  const [recipient] = await executor.select({ email: users.email, givenName: users.givenName }).from(users).where(eq(users.id, alert.agentId));
  if (!recipient) return false;
  const { token, tokenHash } = createUnsubscribeToken();
  const unsubscribePage = `${appUrl}/alertes/desabonnement/${token}`;
  const count = fits.length;
  return executor.transaction(async (tx) => {
    // Still subscribed (the agent may have stopped the alert meanwhile), and still due.
    const [claimed] = await tx
      .update(missionAlerts)
      .set({ lastDigestAt: now })
      .where(and(eq(missionAlerts.agentId, alert.agentId), eq(missionAlerts.active, true), alert.lastDigestAt ? eq(missionAlerts.lastDigestAt, alert.lastDigestAt) : isNull(missionAlerts.lastDigestAt)))
      .returning({ agentId: missionAlerts.agentId });
    if (!claimed) return false;
    const [digest] = await tx
      .insert(missionAlertDigests)
      .values({ agentId: alert.agentId, unsubscribeTokenHash: tokenHash, missionCount: count, sentAt: now })
      .returning({ id: missionAlertDigests.id });
    await tx
      .insert(missionAlertItems)
      .values(fits.map((fit) => ({ agentId: alert.agentId, missionId: fit.missionId, digestId: digest!.id })))
      .onConflictDoNothing();
    await enqueueEmail(tx, {
      to: recipient.email,
      template: "alerte-missions",
      subject: count > 1 ? `${count} nouvelles missions pour vous` : "Une nouvelle mission pour vous",
      greeting: `Bonjour ${recipient.givenName},`,
      paragraphs: [
        count > 1 ? `${count} missions publiées récemment correspondent à votre profil :` : "Une mission publiée récemment correspond à votre profil :",
        ...fits.map((fit) => {
          const mission = published.missions.get(fit.missionId)!;
          return `• ${mission.title}${mission.administration ? ` (${mission.administration})` : ""} — ${FIT_LABELS[fit.fit]}. ${fit.explanation} ${appUrl}/missions/${mission.id}`;
        }),
      ],
      action: { label: "Voir mes missions", url: `${appUrl}/agent` },
      footnote: `Vous recevez ce courriel parce que vous avez demandé l'alerte des nouvelles missions. Pour ne plus la recevoir : ${unsubscribePage}`,
      headers: {
        "List-Unsubscribe": `<${appUrl}/api/alertes/desabonnement/${token}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      context: { agentId: alert.agentId },
    });
    return true;
  });
}
