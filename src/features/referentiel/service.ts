import "server-only";
import { and, asc, count, desc, eq, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import { FAMILLES, buildReferentiel, suggestConcepts, type Referentiel, type SkillConcept } from "@/lib/matching";
import { analyzeDocumentConcepts } from "@/lib/matching/concepts";
import { REFERENTIEL_CONCEPTS } from "@/lib/matching/referentiel/concepts.data";
import { foldText } from "@/lib/matching/text";
import { auditActor, recordAudit } from "@/server/audit";
import { assertRole, type CurrentUser } from "@/server/auth/roles";
import type { Executor } from "@/server/db/client";
import { agentProfiles, freeTagUses, missions, skillConcepts } from "@/server/db/schema";
import { DomainError, NotFoundError } from "@/server/errors";
import type { ConceptInput, ConceptListQuery, ConvertFreeTagInput } from "./schemas";
import type { SkillSuggestion } from "./types";

export const CONCEPTS_PAGE_SIZE = 25;
export const FREE_TAGS_PAGE_SIZE = 30;

const FAMILY_LABELS = new Map(FAMILLES.map((family) => [family.id, family.label]));

export function familyLabel(familyId: string): string {
  return FAMILY_LABELS.get(familyId) ?? familyId;
}

const DINUM_ONLY = "Seule l'équipe Mission Talents de la DINUM modifie le référentiel.";


/** Lower case, accents folded and spaces collapsed, in SQL: the key that groups free tags (defined by a migration). */
function foldedSql(value: SQL): SQL {
  return sql`free_tag_key(${value})`;
}

/** Drivers differ: postgres-js returns an array, PGlite `{ rows }`. */
function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** "Sécurité des SI" → "securite-des-si". */
export function conceptSlug(label: string): string {
  return (
    foldText(label)
      .replace(/\+/g, "plus")
      .replace(/#/g, "sharp")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "concept"
  );
}

export interface ConceptRow {
  id: string;
  label: string;
  family: string;
  familyLabel: string;
  synonyms: string[];
  acronyms: string[];
  english: string[];
  updatedAt: string;
}

function toConceptRow(row: typeof skillConcepts.$inferSelect): ConceptRow {
  return {
    id: row.id,
    label: row.label,
    family: row.family,
    familyLabel: familyLabel(row.family),
    synonyms: row.synonyms,
    acronyms: row.acronyms,
    english: row.english,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ConceptPage {
  rows: ConceptRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** DINUM's table: search in every form of a concept, filter by family, sort, one page at a time. */
export async function listConcepts(
  executor: Executor,
  actor: CurrentUser,
  query: ConceptListQuery,
  pageSize = CONCEPTS_PAGE_SIZE,
): Promise<ConceptPage> {
  assertRole(actor, "dinum", "Seule l'équipe Mission Talents de la DINUM gère le référentiel.");
  const conditions: SQL[] = [];
  const search = foldText(query.q).trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    const searchable = foldedSql(
      sql`${skillConcepts.label} || ' ' || ${skillConcepts.synonyms}::text || ' ' || ${skillConcepts.acronyms}::text || ' ' || ${skillConcepts.english}::text`,
    );
    conditions.push(sql`${searchable} like ${pattern}`);
  }
  if (query.famille) conditions.push(eq(skillConcepts.family, query.famille));
  const where = conditions.length ? and(...conditions) : undefined;

  const [{ total } = { total: 0 }] = await executor.select({ total: count() }).from(skillConcepts).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pageCount);
  const direction = query.ordre === "desc" ? desc : asc;
  const sortColumn = { label: skillConcepts.label, family: skillConcepts.family, updatedAt: skillConcepts.updatedAt }[query.tri];
  const rows = await executor
    .select()
    .from(skillConcepts)
    .where(where)
    .orderBy(direction(sortColumn), asc(skillConcepts.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: rows.map(toConceptRow), total, page, pageCount, pageSize };
}

export async function getConcept(executor: Executor, actor: CurrentUser, id: string): Promise<ConceptRow> {
  assertRole(actor, "dinum", "Seule l'équipe Mission Talents de la DINUM gère le référentiel.");
  const [row] = await executor.select().from(skillConcepts).where(eq(skillConcepts.id, id));
  if (!row) throw new NotFoundError("Concept");
  return toConceptRow(row);
}

/** Every concept, for the « ajouter comme synonyme de… » choice. */
export async function listAllConceptLabels(executor: Executor, actor: CurrentUser) {
  assertRole(actor, "dinum", "Seule l'équipe Mission Talents de la DINUM gère le référentiel.");
  return executor
    .select({ id: skillConcepts.id, label: skillConcepts.label, family: skillConcepts.family })
    .from(skillConcepts)
    .orderBy(asc(skillConcepts.label));
}

async function assertLabelFree(executor: Executor, label: string, exceptId?: string) {
  const [clash] = await executor
    .select({ id: skillConcepts.id, label: skillConcepts.label })
    .from(skillConcepts)
    .where(
      and(
        sql`${foldedSql(sql`${skillConcepts.label}`)} = ${foldedSql(sql`${label}`)}`,
        exceptId ? ne(skillConcepts.id, exceptId) : undefined,
      ),
    );
  if (clash) {
    throw new DomainError(`Le concept « ${clash.label} » existe déjà.`, {
      label: [`Ce libellé est déjà celui du concept « ${clash.label} ».`],
    });
  }
}

/** The label's slug, with a numeric suffix when another concept already holds it ("c" for C and C#...). */
async function freeConceptId(executor: Executor, label: string): Promise<string> {
  const base = conceptSlug(label);
  const taken = new Set(
    (
      await executor
        .select({ id: skillConcepts.id })
        .from(skillConcepts)
        .where(or(eq(skillConcepts.id, base), ilike(skillConcepts.id, `${escapeLike(base)}-%`)))
    ).map((row) => row.id),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

async function insertConcept(executor: Executor, input: ConceptInput) {
  await assertLabelFree(executor, input.label);
  const id = await freeConceptId(executor, input.label);
  const [created] = await executor
    .insert(skillConcepts)
    .values({ id, ...input, createdAt: sql`now()`, updatedAt: sql`now()` })
    .returning();
  if (!created) throw new Error("Concept non enregistré");
  return created;
}

export async function createConcept(executor: Executor, actor: CurrentUser, input: ConceptInput): Promise<ConceptRow> {
  assertRole(actor, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const created = await insertConcept(tx, input);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "referentiel.concept_cree",
      entityType: "skill_concept",
      entityId: created.id,
      details: { ...input },
    });
    return toConceptRow(created);
  });
}

/** The id stays: profiles and missions point to it. */
export async function updateConcept(executor: Executor, actor: CurrentUser, id: string, input: ConceptInput): Promise<ConceptRow> {
  assertRole(actor, "dinum", DINUM_ONLY);
  return executor.transaction(async (tx) => {
    const [before] = await tx.select().from(skillConcepts).where(eq(skillConcepts.id, id)).for("update");
    if (!before) throw new NotFoundError("Concept");
    await assertLabelFree(tx, input.label, id);
    const [updated] = await tx
      .update(skillConcepts)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(skillConcepts.id, id))
      .returning();
    if (!updated) throw new NotFoundError("Concept");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "referentiel.concept_modifie",
      entityType: "skill_concept",
      entityId: id,
      details: {
        avant: { label: before.label, family: before.family, synonyms: before.synonyms, acronyms: before.acronyms, english: before.english },
        apres: { ...input },
      },
    });
    return toConceptRow(updated);
  });
}

export interface FreeTag {
  /** Folded label: the grouping key. */
  key: string;
  /** The most frequent spelling. */
  label: string;
  profiles: number;
  missions: number;
  total: number;
}

export interface FreeTagPage {
  rows: FreeTag[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/**
 * Free tags, most used first: what agents and administrations need that the référentiel lacks.
 * Read from `free_tag_uses`, which triggers keep up to date on every write of a profile's or a
 * mission's skills: the page groups a few thousand spellings instead of every skill.
 */
export async function listFreeTags(executor: Executor, actor: CurrentUser, page = 1, pageSize = FREE_TAGS_PAGE_SIZE): Promise<FreeTagPage> {
  assertRole(actor, "dinum", "Seule l'équipe Mission Talents de la DINUM gère le référentiel.");
  const offset = (Math.max(1, page) - 1) * pageSize;
  const result = await executor.execute(sql`
    with grouped as materialized (
      select key,
        coalesce(sum(uses) filter (where source = 'profil'), 0)::int as profiles,
        coalesce(sum(uses) filter (where source = 'mission'), 0)::int as missions,
        sum(uses)::int as total
      from ${freeTagUses} where uses > 0 group by key
    ),
    shown as materialized (
      select grouped.*, count(*) over ()::int as "fullCount" from grouped
      order by grouped.total desc, grouped.key
      limit ${pageSize} offset ${offset}
    )
    select shown.key, shown.profiles, shown.missions, shown.total, shown."fullCount",
      (select spelling.label from ${freeTagUses} as spelling where spelling.key = shown.key and spelling.uses > 0
        group by spelling.label order by sum(spelling.uses) desc, spelling.label limit 1) as label
    from shown
    order by shown.total desc, shown.key`);
  const rows = rowsOf<FreeTag & { fullCount: number }>(result);
  const total = rows[0]?.fullCount ?? (offset > 0 ? await countFreeTags(executor) : 0);
  return {
    rows: rows.map(({ key: tagKey, label, profiles, missions: missionCount, total: uses }) => ({
      key: tagKey,
      label,
      profiles: Number(profiles),
      missions: Number(missionCount),
      total: Number(uses),
    })),
    total: Number(total),
    page: Math.max(1, page),
    pageCount: Math.max(1, Math.ceil(Number(total) / pageSize)),
    pageSize,
  };
}

async function countFreeTags(executor: Executor): Promise<number> {
  const result = await executor.execute(sql`select count(distinct key)::int as n from ${freeTagUses} where uses > 0`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/**
 * Points every free skill carrying this label (accents, case and spaces aside) to the concept.
 * Touched profiles and missions get a new `updated_at`, so the matching engine picks them up.
 */
async function attachFreeTag(executor: Executor, freeTag: string, conceptId: string) {
  const matches = (skill: SQL) =>
    sql`${skill}->>'conceptId' is null and ${foldedSql(sql`${skill}->>'label'`)} = ${foldedSql(sql`${freeTag}::text`)}`;
  const relabelled = (column: SQL) => sql`(
    select jsonb_agg(case when ${matches(sql.raw("skill"))} then jsonb_set(skill, '{conceptId}', to_jsonb(${conceptId}::text)) else skill end order by position)
    from jsonb_array_elements(${column}) with ordinality as element(skill, position))`;
  const carries = (column: SQL) => sql`exists (select 1 from jsonb_array_elements(${column}) as skill where ${matches(sql.raw("skill"))})`;

  const profiles = await executor
    .update(agentProfiles)
    .set({ skills: relabelled(sql`${agentProfiles.skills}`), updatedAt: sql`now()` })
    .where(carries(sql`${agentProfiles.skills}`))
    .returning({ id: agentProfiles.userId });
  const missionRows = await executor
    .update(missions)
    .set({ skills: relabelled(sql`${missions.skills}`), updatedAt: sql`now()` })
    .where(carries(sql`${missions.skills}`))
    .returning({ id: missions.id });
  return { profiles: profiles.length, missions: missionRows.length };
}

export interface FreeTagConversion {
  conceptId: string;
  conceptLabel: string;
  profiles: number;
  missions: number;
}

/** A free tag becomes a concept, or a synonym of one; every skill carrying it then points to that concept. */
export async function convertFreeTag(executor: Executor, actor: CurrentUser, input: ConvertFreeTagInput): Promise<FreeTagConversion> {
  assertRole(actor, "dinum", DINUM_ONLY);
  const freeTag = input.freeTag.trim().replace(/\s+/g, " ");
  return executor.transaction(async (tx) => {
    let concept: typeof skillConcepts.$inferSelect;
    if (input.mode === "concept") {
      concept = await insertConcept(tx, { label: freeTag, family: input.family, synonyms: [], acronyms: [], english: [] });
    } else {
      const [target] = await tx.select().from(skillConcepts).where(eq(skillConcepts.id, input.conceptId)).for("update");
      if (!target) throw new DomainError("Ce concept n'existe plus : rechargez la page.", { conceptId: ["Concept introuvable."] });
      const known = [target.label, ...target.synonyms, ...target.acronyms, ...target.english].some(
        (form) => foldText(form).trim() === foldText(freeTag),
      );
      const [updated] = await tx
        .update(skillConcepts)
        .set({ synonyms: known ? target.synonyms : [...target.synonyms, freeTag], updatedAt: sql`now()` })
        .where(eq(skillConcepts.id, target.id))
        .returning();
      concept = updated ?? target;
    }
    const attached = await attachFreeTag(tx, freeTag, concept.id);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: input.mode === "concept" ? "referentiel.etiquette_devenue_concept" : "referentiel.etiquette_devenue_synonyme",
      entityType: "skill_concept",
      entityId: concept.id,
      details: { etiquette: freeTag, profils: attached.profiles, missions: attached.missions },
    });
    return { conceptId: concept.id, conceptLabel: concept.label, ...attached };
  });
}

// ── The référentiel the app suggests from ────────────────────────────────────

interface CachedReferentiel {
  signature: string;
  referentiel: Referentiel;
}

// Links and ambiguity hints are not columns: they come from the curated seed, by concept id.
const SEED_EXTRAS = new Map(
  REFERENTIEL_CONCEPTS.map((concept) => [concept.id, { broader: concept.broader, related: concept.related, ambiguous: concept.ambiguous }]),
);
const KNOWN_FAMILIES = new Set(FAMILLES.map((family) => family.id));

// One cache per database (tests open several); keyed weakly so a closed database is collected.
const referentielCache = new WeakMap<object, CachedReferentiel>();
const pendingBuilds = new WeakMap<object, Promise<CachedReferentiel>>();

/**
 * Changes signature of the table: another instance behind the load balancer may have edited it,
 * so every instance compares this before using its copy (one cheap aggregate query).
 */
/** Changes whenever a concept is added or edited, on whichever instance. */
export async function referentielSignature(executor: Executor): Promise<string> {
  const [row] = await executor
    .select({ n: count(), latest: sql<string | null>`max(${skillConcepts.updatedAt})::text` })
    .from(skillConcepts);
  return `${row?.n ?? 0}|${row?.latest ?? ""}`;
}

export async function loadReferentielConcepts(executor: Executor): Promise<SkillConcept[]> {
  const rows = await executor.select().from(skillConcepts).orderBy(asc(skillConcepts.id));
  return rows
    .filter((row) => KNOWN_FAMILIES.has(row.family))
    .map((row) => {
      const extras = SEED_EXTRAS.get(row.id);
      return {
        id: row.id,
        label: row.label,
        family: row.family,
        synonyms: row.synonyms,
        acronyms: row.acronyms,
        english: row.english,
        ...(extras?.broader ? { broader: extras.broader } : {}),
        ...(extras?.related ? { related: extras.related } : {}),
        ...(extras?.ambiguous ? { ambiguous: extras.ambiguous } : {}),
      };
    });
}

/** The référentiel as stored now, rebuilt only when the table changed (in this or another instance). */
export async function currentReferentiel(executor: Executor): Promise<Referentiel> {
  const signature = await referentielSignature(executor);
  const cached = referentielCache.get(executor);
  if (cached?.signature === signature) return cached.referentiel;
  let pending = pendingBuilds.get(executor);
  if (!pending) {
    pending = (async () => {
      // The signature was read before the rows: an edit in between only causes one more rebuild later.
      const concepts = await loadReferentielConcepts(executor);
      const built = { signature, referentiel: buildReferentiel(concepts, FAMILLES) };
      referentielCache.set(executor, built);
      return built;
    })().finally(() => pendingBuilds.delete(executor));
    pendingBuilds.set(executor, pending);
  }
  return (await pending).referentiel;
}

/** The tag picker's suggestions from the stored référentiel: tolerant of accents, case and small typos. */
export async function suggestSkills(executor: Executor, query: string, limit = 8): Promise<SkillSuggestion[]> {
  if (!query.trim()) return [];
  const referentiel = await currentReferentiel(executor);
  return suggestConcepts(query, limit, referentiel).map((suggestion) => ({
    conceptId: suggestion.id,
    label: suggestion.label,
    family: suggestion.family,
    familyLabel: familyLabel(suggestion.family),
    matchedForm: foldText(suggestion.matchedForm) === foldText(suggestion.label) ? null : suggestion.matchedForm,
  }));
}

/**
 * Concepts close to each free tag, for DINUM to attach it: what the tag picker would suggest, then
 * the concepts the matching engine reads in it (« Durcissement de serveurs Linux » → Linux,
 * durcissement). One référentiel read for a whole page of tags.
 */
export async function closeConcepts(executor: Executor, actor: CurrentUser, freeTags: readonly string[], limit = 5): Promise<SkillSuggestion[][]> {
  assertRole(actor, "dinum", "Seule l'équipe Mission Talents de la DINUM gère le référentiel.");
  const referentiel = await currentReferentiel(executor);
  // The same tags come back on every view of the list: computed once per référentiel version
  // (an edited référentiel is a new object, so its suggestions start afresh).
  let known = closeConceptsCache.get(referentiel);
  if (!known) closeConceptsCache.set(referentiel, (known = new Map()));
  return freeTags.map((freeTag) => {
    const key = `${limit}|${freeTag}`;
    let found = known.get(key);
    if (!found) {
      found = closeConceptsOf(referentiel, freeTag, limit);
      if (known.size >= CLOSE_CONCEPTS_CACHED) known.delete(known.keys().next().value!);
      known.set(key, found);
    }
    return found;
  });
}

/** Tags whose close concepts are kept per référentiel version (a few hundred bytes each). */
const CLOSE_CONCEPTS_CACHED = 5000;
const closeConceptsCache = new WeakMap<Referentiel, Map<string, SkillSuggestion[]>>();

function closeConceptsOf(referentiel: Referentiel, freeTag: string, limit: number): SkillSuggestion[] {
  const found = new Map<string, SkillSuggestion>();
  for (const suggestion of suggestConcepts(freeTag, limit, referentiel)) {
    found.set(suggestion.id, {
      conceptId: suggestion.id,
      label: suggestion.label,
      family: suggestion.family,
      familyLabel: familyLabel(suggestion.family),
      matchedForm: null,
    });
  }
  const detected = analyzeDocumentConcepts(referentiel, [{ text: freeTag, weight: 1, isTag: true, learningAware: false }], true);
  for (const occurrence of detected.concepts.values()) {
    const concept = referentiel.concepts[occurrence.conceptIndex];
    if (!concept || found.has(concept.id)) continue;
    found.set(concept.id, {
      conceptId: concept.id,
      label: concept.label,
      family: concept.family,
      familyLabel: familyLabel(concept.family),
      matchedForm: occurrence.words[0] ?? null,
    });
  }
  return [...found.values()].slice(0, limit);
}
