import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../client";
import { agentProfiles, missions, users } from "../schema";
import { ledgerEntries, ledgerTransactions } from "../schema-compensation";
import { confirmedHours, consentRequests, missionCandidates } from "../schema-parcours";
import { seedUuid } from "./index";

const DAY_MS = 86_400_000;

type CandidateOutcome = "a_examiner" | "declinee" | "refusee_manager" | "non_retenue" | "selectionnee";

interface DemoCandidate {
  agentSub: string;
  origin: "suggestion" | "candidature" | "ajout_dinum";
  engineRank?: number;
  /** Skills named by the engine's reasons. */
  reasons?: string[];
  outcome: CandidateOutcome;
  /** Hours confirmed by both sides, for a selected agent of a finished mission. */
  hours?: number;
}

interface DemoActivity {
  missionKey: string;
  state: "en_cours" | "terminee";
  /** Days before the seed run: the mission's path, from submission to its end. */
  daysAgo: { submitted: number; published: number; started: number; finished?: number };
  candidates: DemoCandidate[];
}

/**
 * Two published demo missions went the whole way: one finished with its hours confirmed,
 * one running. The other published missions keep no candidates, so that a fresh database
 * still offers clean missions to propose, review and select.
 */
const DEMO_ACTIVITY: DemoActivity[] = [
  {
    missionKey: "tableau-bord-titres-sejour-gironde",
    state: "terminee",
    daysAgo: { submitted: 130, published: 126, started: 104, finished: 40 },
    candidates: [
      { agentSub: "demo-agent-lucie-marty", origin: "suggestion", engineRank: 1, reasons: ["Power BI", "Visualisation de données"], outcome: "selectionnee", hours: 22 },
      { agentSub: "demo-agent-pierre-yves-mercier", origin: "suggestion", engineRank: 2, reasons: ["SQL", "Visualisation de données"], outcome: "selectionnee", hours: 14 },
      { agentSub: "demo-agent-jerome-vasseur", origin: "suggestion", engineRank: 3, reasons: ["Power BI"], outcome: "non_retenue" },
      { agentSub: "demo-agent-anne-le-corre", origin: "candidature", outcome: "refusee_manager" },
      { agentSub: "demo-agent-arnaud-pujol", origin: "suggestion", engineRank: 4, reasons: ["SQL"], outcome: "declinee" },
      { agentSub: "demo-agent-marion-dufour", origin: "suggestion", engineRank: 5, reasons: ["Metabase"], outcome: "a_examiner" },
      { agentSub: "demo-agent-sylvie-jaouen", origin: "ajout_dinum", outcome: "a_examiner" },
    ],
  },
  {
    missionKey: "parcours-moodle-hygiene-chu-toulouse",
    state: "en_cours",
    daysAgo: { submitted: 70, published: 66, started: 52 },
    candidates: [
      { agentSub: "demo-agent-maelle-tanguy", origin: "suggestion", engineRank: 1, reasons: ["Moodle", "Ingénierie pédagogique"], outcome: "selectionnee" },
      { agentSub: "demo-agent-amandine-delattre", origin: "suggestion", engineRank: 2, reasons: ["Moodle"], outcome: "non_retenue" },
      { agentSub: "demo-agent-gwenaelle-le-bihan", origin: "suggestion", engineRank: 3, reasons: ["Formation de formateurs"], outcome: "refusee_manager" },
      { agentSub: "demo-agent-kevin-prigent", origin: "candidature", outcome: "declinee" },
      { agentSub: "demo-agent-antoine-bertrand", origin: "suggestion", engineRank: 4, reasons: ["H5P"], outcome: "a_examiner" },
    ],
  },
];

const PROPOSED: CandidateOutcome[] = ["declinee", "refusee_manager", "non_retenue", "selectionnee"];
const ACCEPTED: CandidateOutcome[] = ["refusee_manager", "non_retenue", "selectionnee"];

/** A consent link nobody holds: the demo decisions are already taken. */
function unusableTokenHash() {
  return createHash("sha256").update(randomBytes(32)).digest("hex");
}

/**
 * Demo activity for the observatory and the ledger: candidates across the funnel, consent
 * decisions, missions started and finished, confirmed hours and their balanced ledger postings.
 * Idempotent: stable ids, and a mission moves on only from the state the seed gave it.
 */
export async function seedDemoActivity(executor: Executor, now = Date.now()) {
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);
  const subs = DEMO_ACTIVITY.flatMap((activity) => activity.candidates.map((candidate) => candidate.agentSub));
  const agents = new Map(
    (
      await executor
        .select({
          sub: users.proconnectSub,
          id: users.id,
          administrationId: users.administrationId,
          managerName: agentProfiles.managerName,
          managerEmail: agentProfiles.managerEmail,
        })
        .from(users)
        .innerJoin(agentProfiles, eq(agentProfiles.userId, users.id))
        .where(inArray(users.proconnectSub, subs))
    ).map((row) => [row.sub, row]),
  );

  for (const activity of DEMO_ACTIVITY) {
    const missionId = seedUuid(`mission:${activity.missionKey}`);
    const [mission] = await executor
      .select({ id: missions.id, title: missions.title, administrationId: missions.administrationId })
      .from(missions)
      .where(eq(missions.id, missionId));
    if (!mission) continue;
    const { submitted, published, started, finished } = activity.daysAgo;
    await executor
      .update(missions)
      .set({
        state: activity.state,
        submittedAt: daysAgo(submitted),
        publishedAt: daysAgo(published),
        listSentAt: daysAgo(started + 6),
        startedAt: daysAgo(started),
        finishedAt: finished === undefined ? null : daysAgo(finished),
        updatedAt: daysAgo(finished ?? started),
      })
      .where(and(eq(missions.id, missionId), eq(missions.state, "publiee"), isNull(missions.startedAt)));

    for (const [index, candidate] of activity.candidates.entries()) {
      const agent = agents.get(candidate.agentSub);
      if (!agent) continue;
      const candidateId = seedUuid(`candidate:${activity.missionKey}:${candidate.agentSub}`);
      const proposed = PROPOSED.includes(candidate.outcome);
      const accepted = ACCEPTED.includes(candidate.outcome);
      const selected = candidate.outcome === "selectionnee";
      const hoursConfirmed = selected && candidate.hours !== undefined;
      // Each candidate a few hours after the previous one, so that lists have a stable order.
      const offset = index / 8;
      await executor
        .insert(missionCandidates)
        .values({
          id: candidateId,
          missionId,
          agentId: agent.id,
          origin: candidate.origin,
          engineRank: candidate.engineRank ?? null,
          engineScore: candidate.engineRank === undefined ? null : Number((0.9 - candidate.engineRank * 0.08).toFixed(2)),
          reasons: (candidate.reasons ?? []).map((skill) => ({ kind: "force" as const, text: `Compétence demandée « ${skill} » dans le profil.` })),
          state: candidate.outcome,
          proposedAt: proposed ? daysAgo(published - 3 - offset) : null,
          respondedAt: proposed ? daysAgo(published - 5 - offset) : null,
          declineReason: candidate.outcome === "declinee" ? "Pas disponible sur cette période." : null,
          selectedAt: selected ? daysAgo(started) : null,
          hoursState: selected ? (hoursConfirmed ? "confirmees" : "a_declarer") : null,
          declaredHours: hoursConfirmed ? candidate.hours : null,
          confirmedHours: hoursConfirmed ? candidate.hours : null,
          createdAt: daysAgo(published - 1 - offset),
          updatedAt: daysAgo(finished ?? started),
        })
        .onConflictDoNothing();

      if (accepted) {
        const refused = candidate.outcome === "refusee_manager";
        await executor
          .insert(consentRequests)
          .values({
            id: seedUuid(`consent:${activity.missionKey}:${candidate.agentSub}`),
            candidateId,
            managerName: agent.managerName,
            managerEmail: agent.managerEmail,
            tokenHash: unusableTokenHash(),
            expiresAt: daysAgo(published - 12),
            decision: refused ? "refuse" : "approuve",
            decisionComment: refused ? "Période de clôture budgétaire : l'équipe ne peut pas se libérer." : null,
            decidedAt: daysAgo(published - 7 - offset),
            createdAt: daysAgo(published - 5 - offset),
          })
          .onConflictDoNothing();
      }

      if (hoursConfirmed && finished !== undefined && candidate.hours !== undefined) {
        const confirmedHoursId = seedUuid(`confirmed-hours:${activity.missionKey}:${candidate.agentSub}`);
        await executor
          .insert(confirmedHours)
          .values({
            id: confirmedHoursId,
            candidateId,
            missionId,
            agentId: agent.id,
            lendingAdministrationId: agent.administrationId,
            borrowingAdministrationId: mission.administrationId,
            hours: candidate.hours,
            confirmedAt: daysAgo(finished),
          })
          .onConflictDoNothing();
        await postConfirmedHours(executor, {
          transactionId: seedUuid(`ledger:${activity.missionKey}:${candidate.agentSub}`),
          confirmedHoursId,
          missionId,
          missionTitle: mission.title,
          hours: candidate.hours,
          lendingAdministrationId: agent.administrationId,
          borrowingAdministrationId: mission.administrationId,
          at: daysAgo(finished),
        });
      }
    }
  }
}

/** One balanced posting (one credit per hour): the borrowing administration pays the lending one. */
async function postConfirmedHours(
  executor: Executor,
  posting: {
    transactionId: string;
    confirmedHoursId: string;
    missionId: string;
    missionTitle: string;
    hours: number;
    lendingAdministrationId: string | null;
    borrowingAdministrationId: string;
    at: Date;
  },
) {
  if (!posting.lendingAdministrationId) return;
  const inserted = await executor
    .insert(ledgerTransactions)
    .values({
      id: posting.transactionId,
      kind: "heures_mission",
      missionId: posting.missionId,
      confirmedHoursId: posting.confirmedHoursId,
      description: `Heures confirmées : ${posting.missionTitle}`,
      createdAt: posting.at,
    })
    .onConflictDoNothing()
    .returning({ id: ledgerTransactions.id });
  // Entries only with a transaction this run created: a re-run adds nothing.
  if (inserted.length === 0) return;
  await executor.insert(ledgerEntries).values([
    { transactionId: posting.transactionId, account: "administration", administrationId: posting.borrowingAdministrationId, amount: (-posting.hours).toFixed(2), createdAt: posting.at },
    { transactionId: posting.transactionId, account: "administration", administrationId: posting.lendingAdministrationId, amount: posting.hours.toFixed(2), createdAt: posting.at },
  ]);
}
