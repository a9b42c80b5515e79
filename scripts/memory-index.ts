/**
 * Where the memory of the matching index goes, on a loaded database (`npm run db:load-bench`):
 * heap + array buffers after a full GC, stage by stage — the profiles as the engine keeps them
 * (`MatchAgent` objects), the engine built on them, the analysed profiles kept for explanations
 * after ranking many missions, the published-missions index.
 *
 *   npx tsx scripts/memory-index.ts --database-url postgres://postgres@127.0.0.1:5432/pvt_bench_perf [--missions 300] [--keep-profiles]
 *
 * The engine is built as the server builds it, keeping no profile (`keepProfiles: false`: the
 * shortlist's profiles are read back to explain them); `--keep-profiles` measures the engine that
 * keeps them, presentations included.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import postgres from "postgres";
import { createMatchingEngine, type MatchAgent, type MatchMission } from "../src/lib/matching";
import { MissionIndex } from "../src/lib/matching/mission-index";
import { intern, internSkill } from "../src/features/appariement/interning";
import { toMatchMission } from "../src/features/appariement/match-inputs";

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const DATABASE_URL = argument("--database-url", process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pvt_bench_perf");
const MISSIONS = Number(argument("--missions", "300"));
/** `--no-intern`: each profile with its own copies of administration names, places and skills (before). */
const INTERN = !process.argv.includes("--no-intern");
const KEEP_PROFILES = process.argv.includes("--keep-profiles");

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const used = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} Mo`;

type ProfileRow = { userId: string; administration: string | null; skills: { label: string; level: "notions" | "autonome" | "expert" }[]; presentation: string; hoursPerMonth: number; workMode: string; places: string[]; visibility: string };

/** Every profile, or those of the given agents (a shortlist read back to be explained). */
function selectProfiles(sql: postgres.Sql, ids?: string[]) {
  return sql<ProfileRow[]>`
    select p.user_id as "userId", a.name as administration, p.skills, p.presentation, p.hours_per_month as "hoursPerMonth",
           p.work_mode as "workMode", p.places, p.visibility
    from agent_profiles p join users u on u.id = p.user_id left join administrations a on a.id = u.administration_id
    ${ids ? sql`where p.user_id in ${sql(ids)}` : sql``}`;
}

/** As engine-store's toMatchAgent keeps them. */
function toAgent(row: ProfileRow): MatchAgent {
  return {
    id: row.userId,
    administration: row.administration === null ? undefined : INTERN ? intern(row.administration) : row.administration,
    skills: row.skills.map((skill) => (INTERN ? internSkill(skill.label, skill.level) : { label: skill.label, level: skill.level })),
    presentation: row.presentation,
    hoursPerMonth: row.hoursPerMonth,
    remote: row.workMode !== "sur_site",
    locations: INTERN ? row.places.map(intern) : row.places,
    paused: row.visibility === "en_pause",
  };
}

async function main() {
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  const start = used();
  const rows = await selectProfiles(sql);
  const missionRows = await sql<{ id: string; administration: string | null; title: string; context: string; description: string; skills: { label: string; required: boolean; level: "notions" | "autonome" | "expert"; conceptId?: string | null }[]; workMode: string; place: string; totalHours: number | null; startDate: string | null; endDate: string | null }[]>`
    select m.id, a.name as administration, m.title, m.context, m.description, m.skills, m.work_mode as "workMode", m.place, m.total_hours as "totalHours", m.start_date::text as "startDate", m.end_date::text as "endDate"
    from missions m left join administrations a on a.id = m.administration_id where m.state = 'publiee'`;
  let agents: MatchAgent[] | null = rows.map(toAgent);
  rows.length = 0;
  const withAgents = used();
  console.log(`${agents.length} profils en objets MatchAgent : ${mb(withAgents - start)}`);
  const engine = createMatchingEngine(agents, { keepProfiles: KEEP_PROFILES });
  const withEngine = used();
  console.log(`moteur construit (postings, longueurs, clés, docFacts) : ${mb(withEngine - withAgents)} de plus (memoryBytes() estime ${mb(engine.memoryBytes())})`);
  agents = null;
  const afterDrop = used();
  console.log(`profils lâchés, le moteur seul (${KEEP_PROFILES ? "gardant les profils et leurs présentations" : "sans les profils, comme le serveur"}) : ${mb(afterDrop - start)} au total`);

  const missions: MatchMission[] = missionRows.map(toMatchMission);
  const beforeRanking = used();
  const ranked = Math.min(MISSIONS, missions.length);
  const explainedAgents = new Set<string>();
  for (const mission of missions.slice(0, ranked)) {
    const ids = engine.rankAgentIds(mission, { top: 30 }).map((c) => c.agentId);
    // The shortlist's profiles, read back as the server reads them.
    const shortlist = KEEP_PROFILES ? [] : (await selectProfiles(sql, ids)).map(toAgent);
    const candidates = KEEP_PROFILES ? engine.rankAgents(mission, { top: 30 }) : engine.explainAgents(mission, shortlist, { top: 30 });
    for (const candidate of candidates) explainedAgents.add(candidate.agentId);
  }
  const afterRanking = used();
  console.log(
    `${ranked} missions classées (30 premiers expliqués, ${explainedAgents.size} profils analysés gardés, cache des analyses de missions) : ${mb(afterRanking - beforeRanking)} de plus, ` +
      `soit ~${((afterRanking - beforeRanking) / Math.max(1, explainedAgents.size) / 1024).toFixed(1)} Ko par profil expliqué`,
  );

  const { MISSION_INDEX_REFERENTIEL } = { MISSION_INDEX_REFERENTIEL: engine.referentiel };
  const beforeIndex = used();
  const index = new MissionIndex(MISSION_INDEX_REFERENTIEL);
  for (const mission of missionRows) index.upsert({ id: mission.id, title: mission.title, text: `${mission.context}\n${mission.description}`, skills: mission.skills.map((skill) => ({ label: skill.label, required: skill.required, conceptId: skill.conceptId ?? null })) });
  const afterIndex = used();
  console.log(`index des ${missionRows.length} missions publiées (avec leurs textes) : ${mb(afterIndex - beforeIndex)}`);
  const m = process.memoryUsage();
  console.log(`au total : rss ${mb(m.rss)}, tas ${mb(m.heapUsed)} / ${mb(m.heapTotal)}, array buffers ${mb(m.arrayBuffers)}`);
  void index;
  void engine;
  await sql.end();
}

void main();
