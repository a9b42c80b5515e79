import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor, Transaction } from "@/server/db/client";
import {
  administrations,
  applications,
  auditLog,
  foldForSearch,
  missions,
  skillConcepts,
  users,
  type MissionSkill,
} from "@/server/db/schema";
import { assertRole, AuthorizationError, hasRole, type CurrentUser } from "@/server/auth/roles";
import { auditActor, recordAudit } from "@/server/audit";
import { serverEnv } from "@/server/env";
import { enqueueEmail } from "@/server/mail/outbox";
import { publishedMissions, type PublishedMission } from "@/features/appariement/missions-store";
import { foldText } from "@/lib/matching";
import { notify } from "@/features/notifications/service";
import { DomainError, NotFoundError } from "@/server/errors";
import type { ArchiveMissionInput, MissionFields, MissionFormValues, ReturnMissionInput } from "./schemas";
import { isAdministrationId, type CatalogueQuery, type DinumMissionsQuery } from "./search-params";
import { listToSendCondition } from "@/features/a-faire/conditions";
import {
  MISSION_STATES,
  assertEditable,
  isEditable,
  mayPerform,
  nextState,
  type MissionActor,
  type MissionState,
  type MissionTransition,
} from "./transitions";

export const CATALOGUE_PAGE_SIZE = 10;
export const DINUM_PAGE_SIZE = 20;
export const MODERATION_PAGE_SIZE = 20;
export const ADMINISTRATION_PAGE_SIZE = 20;

const missionDetailColumns = {
  id: missions.id,
  administrationId: missions.administrationId,
  administrationName: administrations.name,
  administrationCity: administrations.city,
  authorId: missions.authorId,
  title: missions.title,
  context: missions.context,
  description: missions.description,
  skills: missions.skills,
  totalHours: missions.totalHours,
  rhythm: missions.rhythm,
  startDate: missions.startDate,
  endDate: missions.endDate,
  staffingDeadline: missions.staffingDeadline,
  workMode: missions.workMode,
  place: missions.place,
  confidentiality: missions.confidentiality,
  state: missions.state,
  moderationComment: missions.moderationComment,
  submittedAt: missions.submittedAt,
  publishedAt: missions.publishedAt,
  archivedAt: missions.archivedAt,
  listSentAt: missions.listSentAt,
  startedAt: missions.startedAt,
  finishedAt: missions.finishedAt,
  createdAt: missions.createdAt,
  updatedAt: missions.updatedAt,
};

export type MissionDetail = Omit<Awaited<ReturnType<typeof selectMission>>, "state"> & { state: MissionState };

/** What the viewer of a mission may do with it, computed once for the page. */
export interface MissionPermissions {
  isDinum: boolean;
  isMember: boolean;
  mayEdit: boolean;
  mayArchive: boolean;
  mayApply: boolean;
  maySeeApplications: boolean;
}

async function selectMission(executor: Executor, missionId: string) {
  const [row] = await executor
    .select(missionDetailColumns)
    .from(missions)
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(eq(missions.id, missionId));
  if (!row) throw new NotFoundError("Mission");
  return row;
}

export async function loadMission(executor: Executor, missionId: string): Promise<MissionDetail> {
  const row = await selectMission(executor, missionId);
  return { ...row, state: toMissionState(row.state) };
}

function toMissionState(value: string): MissionState {
  return (MISSION_STATES as readonly string[]).includes(value) ? (value as MissionState) : "brouillon";
}

export function isMemberOfMissionAdministration(user: CurrentUser, mission: { administrationId: string }): boolean {
  return user.administrationId !== null && user.administrationId === mission.administrationId;
}

export function actorsOf(user: CurrentUser, mission: { administrationId: string }): MissionActor[] {
  const actors: MissionActor[] = [];
  if (hasRole(user, "dinum")) actors.push("dinum");
  if (hasRole(user, "demandeur") && isMemberOfMissionAdministration(user, mission)) actors.push("demandeur");
  return actors;
}

export function permissionsFor(user: CurrentUser, mission: Pick<MissionDetail, "administrationId" | "authorId" | "state">): MissionPermissions {
  const isDinum = hasRole(user, "dinum");
  const isMember = isMemberOfMissionAdministration(user, mission);
  const actors = actorsOf(user, mission);
  return {
    isDinum,
    isMember,
    mayEdit: actors.includes("demandeur") && isEditable(mission.state),
    mayArchive: mayPerform("archiver", actors) && ["brouillon", "soumise", "a_modifier", "publiee"].includes(mission.state),
    mayApply: mission.state === "publiee" && hasRole(user, "agent") && mission.authorId !== user.id,
    maySeeApplications: isDinum || actors.includes("demandeur"),
  };
}

/** Published missions are for every signed-in user; the others only for their administration and DINUM. */
function mayView(user: CurrentUser, mission: Pick<MissionDetail, "administrationId" | "state">): boolean {
  return mission.state === "publiee" || hasRole(user, "dinum") || isMemberOfMissionAdministration(user, mission);
}

export async function getMissionForViewer(executor: Executor, user: CurrentUser, missionId: string) {
  const mission = await loadMission(executor, missionId);
  // Someone who may not see it learns nothing, not even that it exists.
  if (!mayView(user, mission)) throw new NotFoundError("Mission");
  return { mission, permissions: permissionsFor(user, mission) };
}

/** The mission as its form shows it; only demandeurs of its administration may open it. */
export async function getMissionForEdit(executor: Executor, user: CurrentUser, missionId: string) {
  const mission = await loadMission(executor, missionId);
  if (!mayView(user, mission)) throw new NotFoundError("Mission");
  assertMayEdit(user, mission);
  return mission;
}

export function toFormValues(mission: MissionDetail): MissionFormValues {
  return {
    missionId: mission.id,
    title: mission.title,
    context: mission.context,
    description: mission.description,
    skills: mission.skills.map((skill) => ({ ...skill })),
    totalHours: mission.totalHours,
    rhythm: mission.rhythm === "recurrente" ? "recurrente" : "ponctuelle",
    startDate: mission.startDate ?? "",
    endDate: mission.endDate ?? "",
    staffingDeadline: mission.staffingDeadline ?? "",
    workMode: mission.workMode === "sur_site" || mission.workMode === "mixte" ? mission.workMode : "distance",
    place: mission.place,
    confidentiality: mission.confidentiality,
  };
}

function assertMayEdit(user: CurrentUser, mission: { administrationId: string }) {
  if (!actorsOf(user, mission).includes("demandeur")) {
    throw new AuthorizationError("Seuls les demandeurs de l'administration qui porte cette mission peuvent la modifier.");
  }
}

/** Unknown concept ids (a forged form) become free tags rather than broken links. */
async function withKnownConcepts(executor: Executor, skills: MissionFields["skills"]): Promise<MissionSkill[]> {
  const conceptIds = [...new Set(skills.map((skill) => skill.conceptId).filter((id): id is string => id !== null))];
  const known = conceptIds.length
    ? new Set((await executor.select({ id: skillConcepts.id }).from(skillConcepts).where(inArray(skillConcepts.id, conceptIds))).map((row) => row.id))
    : new Set<string>();
  return skills.map((skill) => ({
    label: skill.label,
    conceptId: skill.conceptId && known.has(skill.conceptId) ? skill.conceptId : null,
    required: skill.required,
    level: skill.level,
  }));
}

async function contentColumns(executor: Executor, values: MissionFields) {
  return {
    title: values.title,
    context: values.context,
    description: values.description,
    skills: await withKnownConcepts(executor, values.skills),
    totalHours: values.totalHours,
    rhythm: values.rhythm,
    startDate: values.startDate || null,
    endDate: values.endDate || null,
    staffingDeadline: values.staffingDeadline || null,
    workMode: values.workMode,
    place: values.place,
    confidentiality: values.confidentiality,
  };
}

/**
 * Writes the form's content: a new mission for the user's administration (which makes them a
 * demandeur), or an update of a mission they may still edit. Returns the mission as stored.
 */
async function writeContent(tx: Transaction, user: CurrentUser, values: MissionFormValues): Promise<MissionDetail> {
  const content = await contentColumns(tx, values);
  if (values.missionId === null) {
    if (!user.administrationId) {
      throw new DomainError(
        "Votre administration n'est pas connue : indiquez-la dans « Mon compte » avant de déposer une mission.",
      );
    }
    const [created] = await tx
      .insert(missions)
      .values({ ...content, administrationId: user.administrationId, authorId: user.id, state: "brouillon" })
      .returning({ id: missions.id });
    if (!created) throw new Error("Mission non enregistrée");
    // Any signed-in user may post a need: their first mission opens the demandeur space to them.
    await tx
      .update(users)
      .set({ roles: sql`array_append(${users.roles}, 'demandeur')` })
      .where(and(eq(users.id, user.id), sql`not ('demandeur' = any(${users.roles}))`));
    return loadMission(tx, created.id);
  }
  const mission = await loadMission(tx, values.missionId);
  if (!mayView(user, mission)) throw new NotFoundError("Mission");
  assertMayEdit(user, mission);
  assertEditable(mission.state);
  const [updated] = await tx
    .update(missions)
    .set({ ...content, updatedAt: new Date() })
    .where(and(eq(missions.id, mission.id), eq(missions.state, mission.state)))
    .returning({ id: missions.id });
  if (!updated) {
    // The state changed since we read it (a submission in another tab): nothing is overwritten.
    assertEditable((await loadMission(tx, mission.id)).state);
    throw new DomainError("Cette mission vient de changer d'état : rechargez la page.");
  }
  return { ...mission, ...content };
}

/** Saves a draft (new or resumed). Only a title is needed; what is given must be valid. */
export async function saveMissionDraft(executor: Executor, user: CurrentUser, values: MissionFormValues) {
  return executor.transaction(async (tx) => {
    const mission = await writeContent(tx, user, values);
    return { missionId: mission.id, state: mission.state };
  });
}

/** Saves the complete mission and sends it to moderation, in one transaction. */
export async function submitMission(executor: Executor, user: CurrentUser, values: MissionFormValues) {
  return executor.transaction(async (tx) => {
    const mission = await writeContent(tx, user, values);
    const actingUser = values.missionId === null ? withRole(user, "demandeur") : user;
    await applyTransition(tx, actingUser, mission, "soumettre", { submittedAt: new Date() });
    return { missionId: mission.id, state: "soumise" as const };
  });
}

function withRole(user: CurrentUser, role: CurrentUser["roles"][number]): CurrentUser {
  return user.roles.includes(role) ? user : { ...user, roles: [...user.roles, role] };
}

const DINUM_ONLY = "Seule l'équipe Mission Talents de la DINUM modère les missions.";

export async function publishMission(executor: Executor, user: CurrentUser, missionId: string) {
  assertRole(user, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const mission = await loadMission(tx, missionId);
    await applyTransition(tx, user, mission, "publier", { publishedAt: new Date(), moderationComment: null });
    return { missionId, state: "publiee" as const };
  });
}

export async function returnMissionForChanges(executor: Executor, user: CurrentUser, input: ReturnMissionInput) {
  assertRole(user, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const mission = await loadMission(tx, input.missionId);
    await applyTransition(tx, user, mission, "demander_modifications", { moderationComment: input.comment }, input.comment);
    return { missionId: mission.id, state: "a_modifier" as const };
  });
}

/** DINUM, or a demandeur of the mission's administration, withdraws a mission, saying why. */
export async function archiveMission(executor: Executor, user: CurrentUser, input: ArchiveMissionInput) {
  return executor.transaction(async (tx) => {
    const mission = await loadMission(tx, input.missionId);
    if (!mayView(user, mission)) throw new NotFoundError("Mission");
    await applyTransition(tx, user, mission, "archiver", { archivedAt: new Date() }, input.reason);
    return { missionId: mission.id, state: "archivee" as const };
  });
}

const TRANSITION_AUDIT_ACTIONS: Record<MissionTransition, string> = {
  soumettre: "mission.soumise",
  publier: "mission.publiee",
  demander_modifications: "mission.renvoyee_pour_modification",
  archiver: "mission.archivee",
  demarrer: "mission.demarree",
  terminer: "mission.terminee",
};

/**
 * The one way a mission changes state: allowed by transitions.ts for this actor, written with a
 * conditional update (`where state = expected`) so that a double click or a replay does it once,
 * and audited in the same transaction.
 */
export async function applyTransition(
  tx: Transaction,
  user: CurrentUser,
  mission: Pick<MissionDetail, "id" | "administrationId" | "state">,
  transition: MissionTransition,
  changes: Partial<typeof missions.$inferInsert>,
  reason: string | null = null,
) {
  if (!mayPerform(transition, actorsOf(user, mission))) {
    throw new AuthorizationError(
      transition === "soumettre"
        ? "Seuls les demandeurs de l'administration qui porte cette mission peuvent la soumettre."
        : "Vous n'avez pas les droits pour cette décision sur cette mission.",
    );
  }
  const to = nextState(transition, mission.state);
  const [updated] = await tx
    .update(missions)
    .set({ ...changes, state: to, updatedAt: new Date() })
    .where(and(eq(missions.id, mission.id), eq(missions.state, mission.state)))
    .returning({ id: missions.id });
  if (!updated) {
    // Someone else changed it first: refuse with what it has become.
    const [current] = await tx.select({ state: missions.state }).from(missions).where(eq(missions.id, mission.id));
    nextState(transition, toMissionState(current?.state ?? mission.state));
    throw new DomainError("Cette mission vient de changer d'état : rechargez la page.");
  }
  await recordAudit(tx, {
    actor: auditActor(user),
    action: TRANSITION_AUDIT_ACTIONS[transition],
    entityType: "mission",
    entityId: mission.id,
    reason,
    details: { de: mission.state, vers: to },
  });
  if (transition === "publier" || transition === "demander_modifications") {
    await tellAuthorAboutModeration(tx, mission.id, transition, reason);
  }
}

/** The author hears of DINUM's decision in the app and by email, in the decision's transaction. */
async function tellAuthorAboutModeration(tx: Transaction, missionId: string, transition: "publier" | "demander_modifications", comment: string | null) {
  const [row] = await tx
    .select({ title: missions.title, authorId: users.id, email: users.email, givenName: users.givenName })
    .from(missions)
    .innerJoin(users, eq(users.id, missions.authorId))
    .where(eq(missions.id, missionId));
  if (!row) return;
  const published = transition === "publier";
  const link = published ? `/missions/${missionId}` : `/demandeur/missions/${missionId}/modifier`;
  const title = published ? `Votre mission est publiée : ${row.title}` : `Votre mission est à compléter : ${row.title}`;
  await notify(tx, row.authorId, { title, body: comment ?? "", link });
  await enqueueEmail(tx, {
    to: row.email,
    template: published ? "mission-publiee" : "mission-a-modifier",
    subject: title,
    greeting: `Bonjour ${row.givenName},`,
    paragraphs: published
      ? [
          `L'équipe Mission Talents a publié votre mission « ${row.title} ». Elle recherche maintenant les agents qui conviennent ; vous recevrez la liste des candidats volontaires dont le manager a donné son accord.`,
        ]
      : [`L'équipe Mission Talents vous demande de compléter votre mission « ${row.title} » avant de la publier.`, `Son commentaire : « ${comment ?? ""} »`],
    action: { label: published ? "Voir la mission" : "Compléter la mission", url: `${serverEnv().APP_URL}${link}` },
    context: { missionId },
  });
}

/** Moderation decisions on a mission, newest first, for its review page. */
export async function listMissionDecisions(executor: Executor, user: CurrentUser, missionId: string) {
  const mission = await loadMission(executor, missionId);
  if (!hasRole(user, "dinum") && !actorsOf(user, mission).includes("demandeur")) throw new NotFoundError("Mission");
  return executor
    .select({ at: auditLog.at, action: auditLog.action, actorLabel: auditLog.actorLabel, reason: auditLog.reason })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "mission"), eq(auditLog.entityId, missionId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}

const activeApplicationsCount = sql<number>`(select count(*)::int from ${applications} where ${applications.missionId} = ${missions.id} and ${applications.state} = 'active')`;

/**
 * The missions of the user's administration, for the demandeur space: the most recently updated
 * first, one page at a time (an administration publishing for years holds hundreds).
 */
export async function listAdministrationMissions(executor: Executor, user: CurrentUser, requestedPage = 1) {
  if (!user.administrationId) return { rows: [], total: 0, page: 1, pageSize: ADMINISTRATION_PAGE_SIZE, pageCount: 1 };
  const ofMyAdministration = eq(missions.administrationId, user.administrationId);
  const [totalRow] = await executor.select({ n: count() }).from(missions).where(ofMyAdministration);
  const total = totalRow?.n ?? 0;
  const page = clampPage(requestedPage, total, ADMINISTRATION_PAGE_SIZE);
  const rows = await executor
    .select({
      id: missions.id,
      title: missions.title,
      state: missions.state,
      moderationComment: missions.moderationComment,
      updatedAt: missions.updatedAt,
      staffingDeadline: missions.staffingDeadline,
      applications: activeApplicationsCount,
    })
    .from(missions)
    .where(ofMyAdministration)
    .orderBy(desc(missions.updatedAt), asc(missions.id))
    .limit(ADMINISTRATION_PAGE_SIZE)
    .offset((page - 1) * ADMINISTRATION_PAGE_SIZE);
  return {
    rows: rows.map((row) => ({ ...row, state: toMissionState(row.state) })),
    total,
    page,
    pageSize: ADMINISTRATION_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / ADMINISTRATION_PAGE_SIZE)),
  };
}

/** Submitted missions, oldest first: the DINUM moderation queue, one page at a time. */
export async function listModerationQueue(executor: Executor, user: CurrentUser, requestedPage = 1) {
  assertRole(user, "dinum", DINUM_ONLY);
  const [totalRow] = await executor.select({ n: count() }).from(missions).where(eq(missions.state, "soumise"));
  const total = totalRow?.n ?? 0;
  const page = clampPage(requestedPage, total, MODERATION_PAGE_SIZE);
  // Reads one page along missions_state_submitted_idx, however long the queue.
  const rows = await executor
    .select({
      id: missions.id,
      title: missions.title,
      administrationName: administrations.name,
      submittedAt: missions.submittedAt,
      staffingDeadline: missions.staffingDeadline,
      totalHours: missions.totalHours,
      returnedBefore: sql<boolean>`${missions.moderationComment} is not null`,
    })
    .from(missions)
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(eq(missions.state, "soumise"))
    .orderBy(asc(missions.submittedAt), asc(missions.createdAt))
    .limit(MODERATION_PAGE_SIZE)
    .offset((page - 1) * MODERATION_PAGE_SIZE);
  return { rows, total, page, pageSize: MODERATION_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / MODERATION_PAGE_SIZE)) };
}

export async function countMissionsByState(executor: Executor, user: CurrentUser): Promise<Record<MissionState, number>> {
  assertRole(user, "dinum", DINUM_ONLY);
  const rows = await executor.select({ state: missions.state, n: count() }).from(missions).groupBy(missions.state);
  const counts = Object.fromEntries(MISSION_STATES.map((state) => [state, 0])) as Record<MissionState, number>;
  for (const row of rows) counts[toMissionState(row.state)] += row.n;
  return counts;
}

/** An administration's name, for the DINUM missions filter given an id (null if unknown). */
export async function administrationName(executor: Executor, user: CurrentUser, id: string): Promise<string | null> {
  assertRole(user, "dinum", DINUM_ONLY);
  const [row] = await executor.select({ name: administrations.name }).from(administrations).where(eq(administrations.id, id)).limit(1);
  return row?.name ?? null;
}

/** Escapes LIKE wildcards in what the user typed. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

// Titles and names sort without regard to case and accents, the same on every server's collation.
const DINUM_SORT_COLUMNS = {
  titre: foldForSearch(missions.title),
  administration: foldForSearch(administrations.name),
  etat: missions.state,
  soumission: missions.submittedAt,
  creation: missions.createdAt,
} as const;

/** Every mission, for DINUM: filtered, sorted and paginated in the database. */
export async function listAllMissions(executor: Executor, user: CurrentUser, query: DinumMissionsQuery) {
  assertRole(user, "dinum", DINUM_ONLY);
  const conditions: SQL[] = [];
  if (query.etat) conditions.push(eq(missions.state, query.etat));
  if (query.administration) {
    conditions.push(
      isAdministrationId(query.administration)
        ? eq(missions.administrationId, query.administration)
        : sql`${foldForSearch(administrations.name)} like ${foldForSearch(likePattern(query.administration))}`,
    );
  }
  if (query.liste === "a_envoyer") conditions.push(listToSendCondition(executor));
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(
      sql`(${foldForSearch(missions.title)} like ${foldForSearch(pattern)} or ${foldForSearch(administrations.name)} like ${foldForSearch(pattern)})`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const sortColumn = DINUM_SORT_COLUMNS[query.tri];
  const order = query.ordre === "asc" ? sql`${sortColumn} asc nulls last` : sql`${sortColumn} desc nulls last`;
  const [totalRow] = await executor
    .select({ n: count() })
    .from(missions)
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(where);
  const total = totalRow?.n ?? 0;
  const page = clampPage(query.page, total, DINUM_PAGE_SIZE);
  const rows = await executor
    .select({
      id: missions.id,
      title: missions.title,
      administrationName: administrations.name,
      state: missions.state,
      submittedAt: missions.submittedAt,
      createdAt: missions.createdAt,
      applications: activeApplicationsCount,
    })
    .from(missions)
    .innerJoin(administrations, eq(administrations.id, missions.administrationId))
    .where(where)
    .orderBy(order, asc(missions.id))
    .limit(DINUM_PAGE_SIZE)
    .offset((page - 1) * DINUM_PAGE_SIZE);
  return {
    rows: rows.map((row) => ({ ...row, state: toMissionState(row.state) })),
    total,
    page,
    pageSize: DINUM_PAGE_SIZE,
  };
}

function clampPage(page: number, total: number, pageSize: number): number {
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return Math.min(Math.max(1, page), lastPage);
}

function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0));
  return last.toISOString().slice(0, 10);
}

/** A place filter as words: each query word begins a word of the place, punctuation aside. */
function placeMatcher(place: string): RegExp {
  const words = foldText(place.trim()).replace(/[^a-z0-9]+/g, ".");
  // « saint brieuc », « Saint-Brieuc » or « brieuc » find Saint-Brieuc; « paris » does not find Cormeilles-en-Parisis.
  return new RegExp(`(?<![a-z0-9])${words}(?![a-z0-9])`);
}

function isoDay(date: string | null): string | null {
  return date ? date.slice(0, 10) : null;
}

const byPublication = (a: PublishedMission, b: PublishedMission) =>
  (b.publishedAt?.getTime() ?? -Infinity) - (a.publishedAt?.getTime() ?? -Infinity) || a.id.localeCompare(b.id);
const nullsLast = (a: number | string | null, b: number | string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * The agents' catalogue: published missions only, searched with the engine's French analysis
 * (stems, the référentiel's synonyms and acronyms, typos, word beginnings) in the instance's
 * published-missions index, filtered and sorted in memory; only the page shown is read from
 * the database. See docs/DECISIONS.md for why the search is not in Postgres.
 */
export async function searchCatalogue(executor: Executor, query: CatalogueQuery) {
  const { index, missions: published } = await publishedMissions(executor);
  const searched = query.q ? index.search(query.q) : null;
  const scores = searched ? new Map(searched.hits.map((hit) => [hit.id, hit.score])) : null;
  const place = query.lieu ? placeMatcher(query.lieu) : null;
  const from = query.du ? `${query.du}-01` : null;
  const to = query.au ? lastDayOfMonth(query.au) : null;
  const matches: PublishedMission[] = [];
  for (const mission of published.values()) {
    if (scores && !scores.has(mission.id)) continue;
    if (query.famille && !index.hasFamily(mission.id, query.famille)) continue;
    if (query.mode && mission.workMode !== query.mode) continue;
    if (place && !place.test(foldText(mission.place))) continue;
    if (query.heuresMin !== undefined && !(mission.totalHours !== null && mission.totalHours >= query.heuresMin)) continue;
    if (query.heuresMax !== undefined && !(mission.totalHours !== null && mission.totalHours <= query.heuresMax)) continue;
    // A mission fits the period when its dates overlap the months asked for.
    if (from && !(mission.endDate !== null && isoDay(mission.endDate)! >= from)) continue;
    if (to && !(mission.startDate !== null && isoDay(mission.startDate)! <= to)) continue;
    matches.push(mission);
  }
  const sort = query.tri ?? (scores ? "pertinence" : "recentes");
  const compare =
    sort === "pertinence" && scores
      ? (a: PublishedMission, b: PublishedMission) => scores.get(b.id)! - scores.get(a.id)! || byPublication(a, b)
      : sort === "echeance"
        ? (a: PublishedMission, b: PublishedMission) => nullsLast(a.staffingDeadline, b.staffingDeadline) || byPublication(a, b)
        : sort === "effort"
          ? (a: PublishedMission, b: PublishedMission) => nullsLast(a.totalHours, b.totalHours) || byPublication(a, b)
          : byPublication;
  matches.sort(compare);
  const total = matches.length;
  const page = clampPage(query.page, total, CATALOGUE_PAGE_SIZE);
  const pageIds = matches.slice((page - 1) * CATALOGUE_PAGE_SIZE, page * CATALOGUE_PAGE_SIZE).map((mission) => mission.id);
  const rows = pageIds.length
    ? await executor
        .select({
          id: missions.id,
          title: missions.title,
          administrationName: administrations.name,
          excerpt: sql<string>`left(${missions.description}, 280)`,
          skills: missions.skills,
          totalHours: missions.totalHours,
          rhythm: missions.rhythm,
          startDate: missions.startDate,
          endDate: missions.endDate,
          staffingDeadline: missions.staffingDeadline,
          workMode: missions.workMode,
          place: missions.place,
          publishedAt: missions.publishedAt,
        })
        .from(missions)
        .innerJoin(administrations, eq(administrations.id, missions.administrationId))
        .where(inArray(missions.id, pageIds))
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  return { items, total, page, pageSize: CATALOGUE_PAGE_SIZE, sort, reading: searched?.reading ?? null };
}
export type CatalogueResult = Awaited<ReturnType<typeof searchCatalogue>>;
export type CatalogueItem = CatalogueResult["items"][number];
