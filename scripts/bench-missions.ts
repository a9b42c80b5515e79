/**
 * Benchmark of the two pages that read the published missions, at the designed size, on Postgres:
 * the catalogue search and the agent home's « missions pour moi » (their services, in process).
 *   npm run bench:missions [-- --profiles 100000 --missions 10000 --published 1000 --database-url postgres://…]
 * Without --database-url, a throw-away database is created on TEST_DATABASE_URL's server and
 * dropped at the end. Reports each service alone (p50 / p95), then 50 concurrent callers, and the
 * former approaches on the same data for comparison (the catalogue's SQL full-text query, and
 * ranking every published mission loaded from the database for each request).
 * Run it under the shared lock: flock /tmp/pvt-heavy.lock npm run bench:missions
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { REFERENTIEL_CONCEPTS } from "../src/lib/matching";
import { createRequire } from "node:module";
import type { Database } from "../src/server/db/client";
import { administrations, agentProfiles, missions, users } from "../src/server/db/schema";
import type { CurrentUser } from "../src/server/auth/roles";

// The services are imported as the server does, outside Next: « server-only » is a no-op here.
const require = createRequire(import.meta.url);
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;
const { openDatabase } = await import("../src/server/db/client");
const { applyMigrations } = await import("../src/server/db/migrate");
const { seedSkillConcepts } = await import("../src/server/db/seed/skill-concepts");
const { matchingEngine, toMatchAgent, toMatchMission } = await import("../src/features/appariement/engine-store");
const { missionsForAgent } = await import("../src/features/appariement/service");
const { publishedMissions } = await import("../src/features/appariement/missions-store");
const { searchCatalogue } = await import("../src/features/missions/service");
const { parseCatalogueQuery } = await import("../src/features/missions/search-params");

function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
function textOption(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const PROFILES = option("profiles", 100_000);
const MISSIONS = option("missions", 10_000);
const PUBLISHED = Math.min(MISSIONS, option("published", 1_000));

let seed = 20261206;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const CITIES = ["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Rennes", "Bordeaux", "Strasbourg", "Montpellier", "Saint-Brieuc", "Auch"];
const EXPERIENCE = [
  "J'ai conduit plusieurs projets autour de {s} pour des services très différents.",
  "Au quotidien, je travaille sur {s} et j'accompagne les équipes métier.",
  "J'ai mis en place {s} dans ma structure et rédigé la documentation associée.",
  "J'ai formé une dizaine de collègues à {s}.",
];
const FILLER = [
  "J'aime transmettre et laisser une équipe autonome.",
  "Je préfère les missions courtes et bien cadrées.",
  "Je travaille en lien étroit avec les usagers du territoire.",
  "Je rédige toujours une procédure claire à la fin d'une intervention.",
];
const NEEDS = [
  "Nous recherchons un agent expérimenté pour nous aider sur {s}.",
  "Notre équipe est réduite et personne n'a l'expérience de {s}.",
  "La mission consiste à faire un état des lieux et un plan d'action sur {s}.",
  "Un appui ponctuel sur {s} permettrait de sécuriser le calendrier du projet.",
];
const STATES = ["brouillon", "soumise", "a_modifier", "en_cours", "terminee", "archivee"] as const;
const digital = REFERENTIEL_CONCEPTS.filter((concept) => concept.family !== "hors-numerique");
const formOf = (concept: (typeof digital)[number]) => pick([concept.label, ...concept.synonyms, ...concept.acronyms]);

function skillsText(count: number) {
  const chosen = Array.from({ length: count }, () => pick(digital));
  return { tags: chosen.map(formOf), phrases: chosen.map((concept) => formOf(concept).toLowerCase()) };
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const given = textOption("database-url");
  if (given) return { url: given, drop: async () => {} };
  const server = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const name = `pvt_bench_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function seedData(db: Database) {
  await seedSkillConcepts(db);
  const adminRows = await db
    .insert(administrations)
    .values(Array.from({ length: 50 }, (_, i) => ({ siret: String(13000000000000 + i), name: `Administration ${i}`, city: pick(CITIES) })))
    .returning({ id: administrations.id });
  const adminIds = adminRows.map((row) => row.id);
  const agentIds: string[] = [];
  const BATCH = 2_000;
  for (let from = 0; from < PROFILES; from += BATCH) {
    const count = Math.min(BATCH, PROFILES - from);
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: count }, (_, k) => ({
          proconnectSub: `bench-${from + k}`,
          idpId: "bench",
          email: `agent${from + k}@bench.gouv.fr`,
          givenName: "Agent",
          usualName: `${from + k}`,
          administrationId: pick(adminIds),
          roles: ["agent"],
        })),
      )
      .returning({ id: users.id });
    await db.insert(agentProfiles).values(
      rows.map((row) => {
        const { tags, phrases } = skillsText(3 + Math.floor(random() * 3));
        agentIds.push(row.id);
        return {
          userId: row.id,
          presentation: [...phrases.slice(0, 3).map((phrase) => pick(EXPERIENCE).replace("{s}", phrase)), pick(FILLER)].join(" "),
          skills: tags.map((label) => ({ label, level: pick(["notions", "autonome", "expert"] as const), conceptId: null })),
          hoursPerMonth: 2 + Math.floor(random() * 14),
          workMode: pick(["distance", "sur_site", "mixte"]),
          places: [pick(CITIES)],
          // Profiles are written over months, not in one instant.
          updatedAt: new Date(Date.now() - Math.floor(random() * 180 * 86_400_000)),
        };
      }),
    );
  }
  const authorId = agentIds[0]!;
  const now = Date.now();
  for (let from = 0; from < MISSIONS; from += BATCH) {
    const count = Math.min(BATCH, MISSIONS - from);
    await db.insert(missions).values(
      Array.from({ length: count }, (_, k) => {
        const index = from + k;
        const published = index < PUBLISHED;
        const { tags, phrases } = skillsText(3 + Math.floor(random() * 3));
        const at = new Date(now - Math.floor(random() * 90) * 86_400_000);
        return {
          administrationId: pick(adminIds),
          authorId,
          title: `Appui sur ${phrases[0]} et ${phrases[1]}`,
          context: `Le service engage un projet de modernisation. ${pick(FILLER)}`,
          description: phrases.map((phrase) => pick(NEEDS).replace("{s}", phrase)).join(" "),
          skills: tags.map((label, i) => ({ label, conceptId: null, required: i < 2, level: "autonome" as const })),
          totalHours: 6 + Math.floor(random() * 60),
          startDate: "2027-03-01",
          endDate: "2027-06-30",
          staffingDeadline: "2027-02-15",
          workMode: pick(["distance", "sur_site", "mixte"]),
          place: pick(CITIES),
          state: published ? "publiee" : pick(STATES),
          publishedAt: published ? at : null,
          updatedAt: at,
        };
      }),
    );
  }
  await db.execute(sql`analyze`);
  return agentIds;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function alone(label: string, calls: (() => Promise<unknown>)[]) {
  const times: number[] = [];
  for (const call of calls) times.push(await timed(call));
  console.log(`${label.padEnd(58)} alone: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))} (${times.length} calls)`);
}

async function concurrent(label: string, calls: (() => Promise<unknown>)[]) {
  const start = performance.now();
  const times = await Promise.all(calls.map((call) => timed(call)));
  const wall = performance.now() - start;
  console.log(
    `${label.padEnd(58)} ${calls.length} at once: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, all done in ${ms(wall)}`,
  );
}

const QUERIES = ["securté", "RGPD", "tableau de bord", "géomatique", "wordpress", "sauvegarde des serveurs", "accessibilité", "power bi", "marchés publics", "moodle"];

const database = await createDatabase();
const handle = openDatabase({ url: database.url });
try {
  const db = handle.db;
  await applyMigrations(handle);
  let start = performance.now();
  const agentIds = await seedData(db);
  console.log(`Seeded ${PROFILES.toLocaleString("fr-FR")} profiles and ${MISSIONS.toLocaleString("fr-FR")} missions (${PUBLISHED} published) in ${ms(performance.now() - start)}; Node ${process.version}, ${process.arch}`);

  start = performance.now();
  await matchingEngine(db);
  console.log(`Profiles engine built in ${ms(performance.now() - start)} (done once per instance, at start)`);
  start = performance.now();
  await publishedMissions(db);
  console.log(`Published missions index built in ${ms(performance.now() - start)} (done once per instance, then synced)`);

  const actor = (id: string): CurrentUser => ({ id, email: "", givenName: "", usualName: "", displayName: "", administrationId: null, administrationName: null, roles: ["agent"] });
  const agents = Array.from({ length: 50 }, () => pick(agentIds));
  const searchCalls = Array.from({ length: 50 }, (_, i) => () => searchCatalogue(db, parseCatalogueQuery({ q: QUERIES[i % QUERIES.length]! })));
  const filterCalls = Array.from({ length: 50 }, (_, i) => () => searchCatalogue(db, parseCatalogueQuery({ famille: pick(["cms", "sig", "rgpd", "bi-dataviz"]), mode: "distance", page: String(1 + (i % 3)) })));
  const forMeCalls = agents.map((id) => () => missionsForAgent(db, actor(id)));

  for (const call of [...searchCalls.slice(0, 5), ...forMeCalls.slice(0, 5)]) await call();
  await alone("catalogue search ?q=… (10 queries)", searchCalls);
  await alone("catalogue with filters (famille, mode, page)", filterCalls);
  await alone("« missions pour moi » (50 agents)", forMeCalls);
  // What each request pays before any ranking: the two per-instance syncs with Postgres.
  await alone("  of which: profiles engine sync with Postgres", forMeCalls.map(() => () => matchingEngine(db)));
  await alone("  of which: published missions sync with Postgres", forMeCalls.map(() => () => publishedMissions(db)));
  await concurrent("catalogue search ?q=…", searchCalls);
  await concurrent("« missions pour moi »", forMeCalls);

  // The former approaches, on the same data.
  const folded = (text: string) => sql`translate(lower(${text}::text), 'àâäáãéèêëíìîïóòôöõúùûüçœæ', 'aaaaaeeeeiiiiooooouuuucoa')`;
  const vector = sql`to_tsvector('french'::regconfig, translate(lower(${missions.title} || ' ' || ${missions.context} || ' ' || ${missions.description}), 'àâäáãéèêëíìîïóòôöõúùûüçœæ', 'aaaaaeeeeiiiiooooouuuucoa'))`;
  const formerSearch = (q: string) => async () => {
    const query = sql`plainto_tsquery('french'::regconfig, ${folded(q)})`;
    const where = sql`${missions.state} = 'publiee' and (${vector} @@ ${query} or exists (select 1 from jsonb_array_elements(${missions.skills}) as skill where translate(lower(skill->>'label'), 'àâäáãéèêëíìîïóòôöõúùûüçœæ', 'aaaaaeeeeiiiiooooouuuucoa') like ${`%${q.toLowerCase()}%`}))`;
    await db.select({ n: sql<number>`count(*)` }).from(missions).where(where);
    await db.select({ id: missions.id }).from(missions).where(where).orderBy(sql`ts_rank(${vector}, ${query}) desc`).limit(10);
  };
  await alone("former catalogue search (SQL full text + LIKE)", QUERIES.map(formerSearch));
  const engine = await matchingEngine(db);
  const formerForMe = (id: string) => async () => {
    const [profile] = await db
      .select({
        userId: agentProfiles.userId,
        administration: administrations.name,
        skills: agentProfiles.skills,
        presentation: agentProfiles.presentation,
        hoursPerMonth: agentProfiles.hoursPerMonth,
        workMode: agentProfiles.workMode,
        places: agentProfiles.places,
        visibility: agentProfiles.visibility,
      })
      .from(agentProfiles)
      .innerJoin(users, eq(users.id, agentProfiles.userId))
      .leftJoin(administrations, eq(administrations.id, users.administrationId))
      .where(eq(agentProfiles.userId, id));
    const rows = await db
      .select({
        id: missions.id,
        administration: administrations.name,
        title: missions.title,
        context: missions.context,
        description: missions.description,
        skills: missions.skills,
        totalHours: missions.totalHours,
        workMode: missions.workMode,
        place: missions.place,
        startDate: missions.startDate,
        endDate: missions.endDate,
      })
      .from(missions)
      .leftJoin(administrations, eq(administrations.id, missions.administrationId))
      .where(eq(missions.state, "publiee"));
    engine.rankMissionsForAgent({ ...toMatchAgent(profile!), paused: false }, rows.map(toMatchMission), { top: 10 });
  };
  await alone("former « missions pour moi » (load all, rank all)", agents.slice(0, 20).map(formerForMe));
} finally {
  await handle.close();
  await database.drop();
}
