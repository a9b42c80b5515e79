/**
 * Loads a realistic dataset of a given size into a Postgres database, for the page benchmark.
 *
 *   npm run db:load-bench -- --profiles 100000 --missions 10000 [--database-url postgres://…/pvt_bench]
 *
 * The database is created when missing (on the same server), emptied, migrated, given the demo
 * seed (so that the demo accounts of the local ProConnect log in) and then filled with generated
 * French data: administrations, agents with skills (référentiel concepts and free tags with their
 * real-world spelling variants) and presentations, missions in every state, applications,
 * candidates, manager consents, confirmed hours and the ledger, audit rows, emails and
 * notifications. Rows go in as multi-row inserts of a few thousand at a time.
 */
import { createHash } from "node:crypto";
import postgres from "postgres";
import { REFERENTIEL_CONCEPTS } from "../src/lib/matching/referentiel/concepts.data";
import { openDatabase } from "../src/server/db/client";
import { applyMigrations } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pvt_bench";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const PROFILES = Number(option("profiles", "20000"));
const MISSIONS = Number(option("missions", "2000"));
const DATABASE_URL = option("database-url", process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
const BATCH = 2000;

// ── Deterministic randomness: the same sizes give the same data ───────────────
let seed = 0x2f6e2b1;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Zipf-like pick: the first items are much more frequent, as real vocabularies are. */
const pickSkewed = <T>(items: readonly T[]): T => items[Math.min(items.length - 1, Math.floor(items.length * random() ** 2.2))]!;
function sample<T>(items: readonly T[], count: number, skewed = false): T[] {
  const chosen = new Set<T>();
  for (let guard = 0; chosen.size < count && guard < count * 10; guard++) chosen.add(skewed ? pickSkewed(items) : pick(items));
  return [...chosen];
}
function uuid(key: string): string {
  const hex = createHash("sha1").update(`pvt-bench:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
const NOW = Date.now();
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY - int(0, DAY));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

// ── French vocabulary ───────────────────────────────────────────────────────────
const GIVEN = "Camille Nadia Yann Sophie Julien Claire Thomas Léa Mathieu Inès Nicolas Emma Hugo Chloé Lucas Manon Antoine Sarah Maxime Julie Karim Fatou Pierre Anne Louis Élodie Benoît Aurélie Romain Céline Mehdi Laure Vincent Hélène Olivier Agnès Éric Sandrine Bruno Nathalie Amina Gaëlle Yannick Maëlle Jérôme Océane Rachid Isabelle Théo Margaux Loïc Solène Damien Pauline".split(" ");
const USUAL = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Le Goff Le Gall Kerboul Haddad Benali N'Diaye Nguyen Da Silva Perrin Renaud Gauthier Fabre Bailly Carré Dumas Guillou Hamon Le Floch Texier Chevalier Masson Brunet Blanc Guérin Muller Henry Roussel Nicolas Perrot".split(" ");
const CITIES = "Paris Lyon Marseille Toulouse Bordeaux Lille Nantes Rennes Strasbourg Montpellier Nice Rouen Dijon Caen Orléans Tours Brest Limoges Amiens Metz Nancy Poitiers Besançon Clermont-Ferrand Grenoble Saint-Brieuc Le Mans Angers Reims Perpignan Ajaccio Pau Vannes Quimper Valence".split(" ");
const MINISTRIES = [
  "Ministère de l'Intérieur", "Ministère de la Culture", "Ministère de la Santé", "Ministère du Travail", "Ministère de la Transition écologique",
  "Ministère de l'Économie et des Finances", "Ministère des Armées", "Ministère de la Justice", "Ministère de l'Éducation nationale",
  "Ministère de l'Agriculture", "Services du Premier ministre", "Collectivités territoriales",
];
const KINDS = ["ministere", "prefecture", "collectivite", "hopital", "operateur"] as const;
const BODIES = ["Direction départementale des territoires", "Préfecture", "Mairie", "Département", "Centre hospitalier", "Direction régionale", "Rectorat", "Agence régionale de santé", "Tribunal judiciaire", "Communauté d'agglomération", "Conseil régional", "Caisse d'allocations familiales", "Direction des finances publiques", "Université"];
const UNITS = ["Bureau des systèmes d'information", "Service communication", "Pôle données", "Direction des achats", "Service juridique", "Mission transformation numérique", "Bureau des ressources humaines", "Cellule sécurité", "Service formation", "Pôle accueil des usagers"];

/** Free tags: what agents type that the référentiel does not know, each with the variants people type. */
const FREE_TAG_BASES = [
  "Gestion de crise", "Facilitation graphique", "Animation de communauté", "Rédaction administrative", "Langue des signes", "Design fiction",
  "Sobriété numérique", "Photographie", "Montage vidéo", "Podcast", "Archivage électronique", "Généalogie", "Cartographie participative",
  "Médiation numérique", "Éloquence", "Prise de parole en public", "Gestion budgétaire", "Comptabilité publique", "Droit de l'urbanisme",
  "Marchés de travaux", "Intelligence économique", "Veille stratégique", "Open badges", "Low-code", "No-code", "Airtable", "Notion",
  "Trello", "Jira", "Confluence", "Figma", "Canva", "Wordpress multisite", "Drupal 10", "Typo3", "Joomla", "Matomo", "Grist", "Metabase",
  "Superset", "dbt", "Airflow", "Kafka", "RabbitMQ", "Elasticsearch", "OpenSearch", "Neo4j", "MongoDB", "Redis", "Cassandra",
  "Terraform", "Ansible", "Puppet", "Chef", "Nomad", "Consul", "Vault", "Traefik", "HAProxy", "Nginx", "Varnish", "Keycloak avancé",
  "FranceConnect", "API Particulier", "Démarches simplifiées", "Chorus Pro", "Osmose", "Resana", "Tchap", "Webconf de l'État",
  "Data visualisation", "Storytelling", "Lean management", "Kanban", "Scrum master", "Product owner", "Design sprint", "Hackathon",
  "Innovation publique", "Sciences comportementales", "Nudge", "Éthique des algorithmes", "IA générative", "Prompt engineering",
  "Traduction anglais", "Traduction allemand", "Espagnol courant", "Breton", "Occitan", "Créole", "Premiers secours", "Secourisme",
  "Gestion des archives papier", "Numérisation", "OCR", "Impression 3D", "Fablab", "Arduino", "Raspberry Pi", "Domotique", "Radio amateur",
  "Cybersécurité industrielle", "SCADA", "Systèmes embarqués", "Géomatique", "QGIS", "PostGIS", "ArcGIS", "Topographie", "Drones",
];
function freeTagVariant(base: string): string {
  const roll = random();
  if (roll < 0.55) return base;
  if (roll < 0.7) return base.toLowerCase();
  if (roll < 0.8) return base.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (roll < 0.88) return ` ${base}  `;
  if (roll < 0.94) return base.toUpperCase();
  return base.replace(/ /g, "  ");
}
// Many rare tags as well, as people invent their own.
const RARE_TAGS = Array.from({ length: 2500 }, (_, index) => `${pick(FREE_TAG_BASES)} ${pick(["niveau 2", "avancé", "pour débutants", "appliqué", "territorial", "en santé", "hospitalier", "RH", "juridique", "et usagers"])} ${index % 7 === 0 ? index : ""}`.trim());

const CONCEPTS = REFERENTIEL_CONCEPTS.map((concept) => ({ id: concept.id, labels: [concept.label, ...concept.synonyms.slice(0, 4), ...concept.acronyms] }));
const LEVELS = ["notions", "autonome", "expert"] as const;

const OPENINGS = ["Agent", "Chef de projet", "Ingénieur", "Chargée de mission", "Administrateur", "Développeuse", "Juriste", "Acheteur public", "Formatrice", "Analyste de données", "Responsable sécurité", "Designer de services", "Documentaliste", "Cheffe de bureau"];
const PHRASES = [
  "j'accompagne les équipes dans la conduite du changement",
  "j'ai piloté la migration de plusieurs applications métier vers le cloud",
  "je forme régulièrement mes collègues aux outils collaboratifs",
  "je conçois des tableaux de bord pour le suivi des politiques publiques",
  "j'ai rédigé des cahiers des charges et suivi des marchés publics",
  "je sécurise des serveurs exposés sur internet et j'anime des exercices de crise",
  "je m'intéresse à l'accessibilité numérique et au RGAA",
  "j'ai mis en place un registre des traitements conforme au RGPD",
  "je développe des petits outils en Python pour automatiser des traitements",
  "j'administre un parc de postes sous Windows et des serveurs Linux",
  "je conduis des entretiens utilisateurs et des tests d'utilisabilité",
  "j'anime des ateliers de co-construction avec les usagers",
  "je gère le site internet et les réseaux sociaux de la collectivité",
  "j'ai participé à l'ouverture des données publiques de mon service",
  "je maîtrise les tableurs avancés, les tableaux croisés dynamiques et les macros",
  "je suis référent pour la messagerie et l'annuaire",
  "j'ai conduit un projet de dématérialisation des démarches",
  "je modélise des bases de données et j'écris des requêtes SQL",
  "je réalise des cartes et des analyses géographiques",
  "je coordonne un réseau de correspondants informatiques",
  "je rédige des notes juridiques sur le droit du numérique",
  "je suis disponible quelques heures par mois pour aider d'autres administrations",
  "j'aime transmettre et partager mes connaissances",
  "j'ai une expérience de dix ans dans le secteur hospitalier",
];
const MISSION_SUBJECTS = [
  "Tableau de bord du suivi des demandes", "Audit de sécurité du site internet", "Mise en conformité RGPD du service", "Refonte du site de la mairie",
  "Formation des agents à la suite bureautique", "Migration de la messagerie", "Accompagnement à l'ouverture des données", "Cahier des charges d'un logiciel métier",
  "Automatisation de la saisie des factures", "Accessibilité des formulaires en ligne", "Cartographie des équipements publics", "Analyse des délais de traitement",
  "Atelier de conception avec les usagers", "Durcissement des serveurs de la préfecture", "Plan de continuité informatique", "Stratégie réseaux sociaux",
  "Modernisation de l'intranet", "Mise en place d'un outil de ticketing", "Sensibilisation au hameçonnage", "Étude sur l'intelligence artificielle générative",
];
const MISSION_NEEDS = [
  "Nous cherchons un agent capable de nous aider à structurer le projet et à choisir les bons outils.",
  "L'équipe est petite et n'a pas la compétence en interne ; un regard extérieur nous ferait gagner plusieurs mois.",
  "Le travail peut se faire à distance, avec deux ou trois réunions en visioconférence.",
  "Les données sont sensibles : une attention particulière à la confidentialité est attendue.",
  "Il s'agit de former trois agents pour qu'ils deviennent autonomes.",
  "Un premier diagnostic a été réalisé ; il faut maintenant prioriser les actions.",
  "Le prestataire actuel arrive en fin de marché et nous voulons internaliser la compétence.",
  "La mission comprend un livrable écrit et une restitution à la direction.",
];
const MISSION_STATES: [string, number][] = [
  ["brouillon", 0.08], ["soumise", 0.06], ["a_modifier", 0.03], ["publiee", 0.38], ["en_cours", 0.15], ["terminee", 0.22], ["archivee", 0.08],
];
function missionState(): string {
  let roll = random();
  for (const [state, share] of MISSION_STATES) if ((roll -= share) < 0) return state;
  return "publiee";
}

function presentation(): string {
  const sentences = sample(PHRASES, int(2, 5));
  return `${pick(OPENINGS)} à ${pick(CITIES)}, ${sentences.join(" ; ")}. ${random() < 0.3 ? `Je connais aussi ${pickSkewed(FREE_TAG_BASES).toLowerCase()}.` : ""}`.trim();
}
function profileSkills() {
  const count = int(1, 6);
  const skills: { label: string; conceptId: string | null; level: string }[] = [];
  for (const concept of sample(CONCEPTS, count, true)) {
    if (random() < 0.45) {
      skills.push({ label: freeTagVariant(random() < 0.85 ? pickSkewed(FREE_TAG_BASES) : pick(RARE_TAGS)), conceptId: null, level: pick(LEVELS) });
    } else {
      skills.push({ label: pick(concept.labels), conceptId: concept.id, level: pick(LEVELS) });
    }
  }
  return skills;
}

// ── Writing ─────────────────────────────────────────────────────────────────────
type Sql = ReturnType<typeof postgres>;
/** Multi-row inserts; every row gets every column (a missing one is null), as the driver takes the columns of the first row. */
async function insert(client: Sql, table: string, rows: Record<string, unknown>[]) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  for (let start = 0; start < rows.length; start += BATCH) {
    const slice = rows.slice(start, start + BATCH).map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
    await client`insert into ${client(table)} ${client(slice as never, ...columns)}`;
  }
}
function log(message: string) {
  console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);
}
const started = performance.now();

async function recreateDatabase() {
  const target = new URL(DATABASE_URL);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Nom de base invalide : ${name}`);
  const admin = new URL(DATABASE_URL);
  admin.pathname = "/postgres";
  const client = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  await client.unsafe(`drop database if exists ${name} with (force)`);
  await client.unsafe(`create database ${name}`);
  await client.end();
}

async function main() {
  log(`Chargement de ${PROFILES} profils et ${MISSIONS} missions dans ${DATABASE_URL.replace(/:[^:@/]*@/, ":…@")}`);
  await recreateDatabase();
  const handle = openDatabase({ url: DATABASE_URL });
  await applyMigrations(handle);
  await seedDemoData(handle.db);
  await handle.close();
  log("Migrations et données de démonstration appliquées.");

  const client = postgres(DATABASE_URL, { max: 2, onnotice: () => {} });
  const demo = await client<{ id: string; email: string; administration_id: string }[]>`select id, email, administration_id from users`;
  const demoByEmail = new Map(demo.map((row) => [row.email, row]));
  const demandeurDemo = demoByEmail.get("yann.le-goff@saint-brieuc.fr");
  const managerDemo = "sophie.martin@interieur.gouv.fr";

  // Administrations
  const administrationRows = Array.from({ length: Math.max(20, Math.round(PROFILES / 400)) }, (_, index) => {
    const city = pick(CITIES);
    return {
      id: uuid(`administration:${index}`),
      siret: String(30000000000000 + index * 7919).slice(0, 14),
      name: `${pick(BODIES)} de ${city} ${index}`,
      kind: pick(KINDS),
      ministry: pickSkewed(MINISTRIES),
      city,
    };
  });
  await insert(client, "administrations", administrationRows);
  const administrationIds = [...administrationRows.map((row) => row.id), ...new Set(demo.map((row) => row.administration_id))];
  log(`${administrationRows.length} administrations.`);

  // Agents and their profiles, written in slices to keep memory flat.
  const managerCount = Math.max(10, Math.round(PROFILES / 8));
  const managers = Array.from({ length: managerCount }, (_, index) => `${pick(GIVEN)}.${pick(USUAL)}.${index}@${pick(["interieur", "culture", "sante", "travail", "finances"])}.gouv.fr`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""));
  const agentIds: string[] = [];
  const agentAdministration: string[] = [];
  const agentManager: string[] = [];
  const SLICE = 10_000;
  for (let start = 0; start < PROFILES; start += SLICE) {
    const userRows: Record<string, unknown>[] = [];
    const profileRows: Record<string, unknown>[] = [];
    for (let index = start; index < Math.min(PROFILES, start + SLICE); index++) {
      const id = uuid(`agent:${index}`);
      const given = pick(GIVEN);
      const usual = pick(USUAL);
      const administrationId = pickSkewed(administrationRows).id;
      const created = daysAgo(int(1, 700));
      const managerEmail = index % 250 === 0 ? managerDemo : pick(managers);
      userRows.push({
        id,
        proconnect_sub: `bench-agent-${index}`,
        idp_id: "bench",
        email: `${given}.${usual}.${index}@administration.gouv.fr`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
        given_name: given,
        usual_name: usual,
        administration_id: administrationId,
        organizational_unit: pick(UNITS),
        roles: index % 50 === 0 ? ["agent", "demandeur"] : ["agent"],
        created_at: created,
        last_login_at: random() < 0.7 ? daysAgo(int(0, 60)) : null,
      });
      const availableFrom = random() < 0.6 ? daysAgo(int(-30, 200)) : null;
      profileRows.push({
        user_id: id,
        presentation: presentation(),
        skills: client.json(profileSkills()),
        hours_per_month: pick([0, 2, 4, 4, 8, 8, 12, 16, 20]),
        rhythm: pick(["ponctuelle", "recurrente", "indifferent"]),
        available_from: availableFrom ? isoDay(availableFrom) : null,
        available_until: availableFrom && random() < 0.5 ? isoDay(new Date(availableFrom.getTime() + int(60, 400) * DAY)) : null,
        work_mode: pick(["distance", "distance", "mixte", "sur_site"]),
        places: client.json(sample(CITIES, int(0, 2))),
        manager_name: "Manager",
        // People type their manager's address with capitals now and then.
        manager_email: random() < 0.1 ? managerEmail.replace(/^./, (letter) => letter.toUpperCase()) : managerEmail,
        visibility: random() < 0.85 ? "ouvert" : "en_pause",
        created_at: created,
        updated_at: new Date(Math.max(created.getTime(), NOW - int(0, 300) * DAY)),
      });
      agentIds.push(id);
      agentAdministration.push(administrationId);
      agentManager.push(managerEmail);
    }
    await insert(client, "users", userRows);
    await insert(client, "agent_profiles", profileRows);
    log(`${Math.min(PROFILES, start + SLICE)} agents et profils.`);
  }
  const demandeurIds = agentIds.filter((_, index) => index % 50 === 0);
  const administrationOfAgent = new Map(agentIds.map((id, index) => [id, agentAdministration[index]!]));

  // Missions in every state
  const missionRows: Record<string, unknown>[] = [];
  const missionInfo: { id: string; state: string; administrationId: string; published: Date | null; started: Date | null; finished: Date | null }[] = [];
  for (let index = 0; index < MISSIONS; index++) {
    const state = missionState();
    const author = demandeurDemo && index % 150 === 0 ? demandeurDemo.id : pick(demandeurIds);
    const administrationId = author === demandeurDemo?.id ? demandeurDemo.administration_id : administrationOfAgent.get(author) ?? pick(administrationIds);
    const created = daysAgo(int(5, 600));
    const submitted = state === "brouillon" ? null : new Date(created.getTime() + int(0, 3) * DAY);
    const published = ["publiee", "en_cours", "terminee", "archivee"].includes(state) && submitted ? new Date(submitted.getTime() + int(1, 10) * DAY) : null;
    const startedAt = ["en_cours", "terminee"].includes(state) && published ? new Date(published.getTime() + int(5, 40) * DAY) : null;
    const finished = state === "terminee" && startedAt ? new Date(Math.min(NOW - DAY, startedAt.getTime() + int(10, 120) * DAY)) : null;
    // Nothing happened in the future: a mission "updated" after now looks changed since any ranking,
    // and its review ranked every profile again at each view.
    [submitted, published, startedAt].forEach((date, step) => {
      if (date && date.getTime() > NOW - (3 - step) * 3_600_000) date.setTime(NOW - (3 - step) * 3_600_000);
    });
    const subject = pick(MISSION_SUBJECTS);
    const skills = sample(CONCEPTS, int(1, 5), true).map((concept, position) =>
      random() < 0.2
        ? { label: freeTagVariant(pickSkewed(FREE_TAG_BASES)), conceptId: null, required: position === 0, level: pick(LEVELS) }
        : { label: pick(concept.labels), conceptId: concept.id, required: position < 2, level: pick(LEVELS) },
    );
    const start = new Date(created.getTime() + int(20, 90) * DAY);
    const id = uuid(`mission:${index}`);
    missionRows.push({
      id,
      administration_id: administrationId,
      author_id: author,
      title: `${subject} — ${pick(CITIES)}`,
      context: `${pick(BODIES)} : ${pick(MISSION_NEEDS)}`,
      description: `${sample(MISSION_NEEDS, int(2, 4)).join(" ")} ${sample(PHRASES, 2).join(", ")}.`,
      skills: client.json(skills),
      total_hours: pick([4, 8, 12, 16, 24, 35, 50, 70]),
      rhythm: pick(["ponctuelle", "recurrente"]),
      start_date: isoDay(start),
      end_date: isoDay(new Date(start.getTime() + int(7, 180) * DAY)),
      staffing_deadline: isoDay(new Date(start.getTime() - int(3, 15) * DAY)),
      work_mode: pick(["distance", "distance", "mixte", "sur_site"]),
      place: pick(CITIES),
      confidentiality: random() < 0.2 ? "Données personnelles de santé : accès restreint." : "",
      state,
      moderation_comment: state === "a_modifier" ? "Précisez le nombre d'heures et le livrable attendu." : null,
      submitted_at: submitted,
      published_at: published,
      archived_at: state === "archivee" ? daysAgo(int(0, 60)) : null,
      list_sent_at: startedAt ? new Date(startedAt.getTime() - 2 * DAY) : null,
      started_at: startedAt,
      finished_at: finished,
      created_at: created,
      updated_at: finished ?? startedAt ?? published ?? submitted ?? created,
    });
    missionInfo.push({ id, state, administrationId, published, started: startedAt, finished });
  }
  await insert(client, "missions", missionRows);
  log(`${MISSIONS} missions.`);

  // Applications, candidates, consents, confirmed hours and the ledger
  const published = missionInfo.filter((mission) => mission.published);
  const applications: Record<string, unknown>[] = [];
  const candidates: Record<string, unknown>[] = [];
  const consents: Record<string, unknown>[] = [];
  const hours: Record<string, unknown>[] = [];
  const transactions: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  const audit: Record<string, unknown>[] = [];
  const emails: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  const seenApplication = new Set<string>();
  for (let index = 0; index < Math.round(PROFILES / 20); index++) {
    const mission = pick(published);
    const agent = int(0, agentIds.length - 1);
    if (seenApplication.has(`${mission.id}:${agent}`)) continue;
    seenApplication.add(`${mission.id}:${agent}`);
    const withdrawn = random() < 0.1;
    applications.push({
      id: uuid(`application:${index}`),
      mission_id: mission.id,
      agent_id: agentIds[agent],
      message: `Bonjour, ${pick(PHRASES)}. Je serais heureux d'aider.`,
      state: withdrawn ? "retiree" : "active",
      created_at: new Date(mission.published!.getTime() + int(0, 10) * DAY),
      withdrawn_at: withdrawn ? daysAgo(int(0, 20)) : null,
    });
  }
  let candidateIndex = 0;
  for (const mission of published) {
    const count = mission.state === "publiee" ? int(0, 4) : int(1, 4);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(int(0, agentIds.length - 1));
    let selected = false;
    for (const agent of chosen) {
      const id = uuid(`candidate:${candidateIndex++}`);
      let state: string;
      if (mission.state === "publiee") state = pick(["a_examiner", "a_examiner", "proposee", "acceptee", "declinee", "consentie", "refusee_manager"]);
      else if (!selected) {
        state = "selectionnee";
        selected = true;
      } else state = pick(["non_retenue", "declinee", "refusee_manager"]);
      const proposed = state === "a_examiner" ? null : new Date(mission.published!.getTime() + int(1, 5) * DAY);
      const hoursState = state === "selectionnee" ? (mission.state === "terminee" ? "confirmees" : mission.state === "archivee" ? null : "a_declarer") : null;
      const hourCount = int(4, 40);
      candidates.push({
        id,
        mission_id: mission.id,
        agent_id: agentIds[agent],
        origin: pick(["suggestion", "suggestion", "suggestion", "candidature", "ajout_dinum"]),
        engine_rank: int(1, 30),
        engine_score: Number(random().toFixed(3)),
        reasons: client.json([{ kind: "force", text: "Compétences correspondantes" }, { kind: "force", text: "Disponible à distance" }]),
        state,
        proposed_at: proposed,
        responded_at: proposed && state !== "proposee" ? new Date(proposed.getTime() + DAY) : null,
        decline_reason: state === "declinee" ? "Pas disponible sur la période." : null,
        selected_at: state === "selectionnee" ? mission.started : null,
        hours_state: hoursState,
        declared_hours: hoursState === "confirmees" ? hourCount : null,
        confirmed_hours: hoursState === "confirmees" ? hourCount : null,
        feedback: hoursState === "confirmees" ? "Merci pour cette aide précieuse, très pédagogue." : null,
        created_at: new Date(mission.published!.getTime() + int(0, 3) * DAY),
      });
      if (proposed && !["proposee", "declinee"].includes(state)) {
        const decision = state === "acceptee" ? null : state === "refusee_manager" ? "refuse" : "accorde";
        consents.push({
          id: uuid(`consent:${candidateIndex}`),
          candidate_id: id,
          manager_name: "Manager",
          manager_email: agentManager[agent]!.toLowerCase(),
          token_hash: createHash("sha256").update(`bench-token:${candidateIndex}`).digest("hex"),
          expires_at: new Date(proposed.getTime() + 14 * DAY),
          decision,
          decided_at: decision ? new Date(proposed.getTime() + 2 * DAY) : null,
          created_at: new Date(proposed.getTime() + DAY),
        });
        emails.push({
          to_address: agentManager[agent]!.toLowerCase(),
          subject: "Demande d'accord pour une mission",
          text_body: "Un agent de votre équipe souhaite participer à une mission.",
          html_body: "<p>Un agent de votre équipe souhaite participer à une mission.</p>",
          template: "consentement-demande",
          status: "envoye",
          attempts: 1,
          created_at: new Date(proposed.getTime() + DAY),
          sent_at: new Date(proposed.getTime() + DAY),
        });
      }
      if (hoursState === "confirmees") {
        const hoursId = uuid(`hours:${candidateIndex}`);
        const lending = agentAdministration[agent]!;
        hours.push({ id: hoursId, candidate_id: id, mission_id: mission.id, agent_id: agentIds[agent], lending_administration_id: lending, borrowing_administration_id: mission.administrationId, hours: hourCount, confirmed_at: mission.finished });
        const transactionId = uuid(`transaction:${candidateIndex}`);
        transactions.push({ id: transactionId, kind: "heures_mission", mission_id: mission.id, confirmed_hours_id: hoursId, description: `${hourCount} h confirmées`, created_at: mission.finished });
        entries.push({ transaction_id: transactionId, administration_id: lending, amount: String(hourCount), created_at: mission.finished });
        entries.push({ transaction_id: transactionId, administration_id: mission.administrationId, amount: String(-hourCount), created_at: mission.finished });
      }
      if (proposed) {
        notifications.push({ user_id: agentIds[agent], title: "Une mission vous est proposée", body: "Consultez la proposition.", link: "/agent/propositions", read_at: random() < 0.7 ? new Date(proposed.getTime() + DAY) : null, created_at: proposed });
        audit.push({ at: proposed, actor_label: "Équipe DINUM", action: "proposition", entity_type: "mission", entity_id: mission.id, details: client.json({ agent: agentIds[agent] }) });
      }
    }
  }
  for (const mission of missionInfo) {
    if (mission.published) {
      audit.push({ at: mission.published, actor_label: "Équipe DINUM", action: "mission.publiee", entity_type: "mission", entity_id: mission.id, details: client.json({}) });
      emails.push({ to_address: "demandeur@administration.gouv.fr", subject: "Votre mission est publiée", text_body: "Votre mission est publiée.", html_body: "<p>Votre mission est publiée.</p>", template: "mission-publiee", status: "envoye", attempts: 1, created_at: mission.published, sent_at: mission.published });
    }
    if (random() < 0.3) audit.push({ at: daysAgo(int(0, 300)), actor_label: "Équipe DINUM", action: pick(["revue.epingle", "revue.exclut", "revue.deplace"]), entity_type: "mission", entity_id: mission.id, reason: "Profil plus adapté au contexte.", details: client.json({}) });
  }
  for (let index = 0; index < PROFILES / 10; index++) {
    notifications.push({ user_id: pick(agentIds), title: "Nouvelle mission pour vous", body: "Une mission correspond à votre profil.", link: "/missions", read_at: random() < 0.5 ? daysAgo(int(0, 30)) : null, created_at: daysAgo(int(0, 200)) });
  }
  await insert(client, "applications", applications);
  await insert(client, "mission_candidates", candidates);
  await insert(client, "consent_requests", consents);
  await insert(client, "confirmed_hours", hours);
  await insert(client, "ledger_transactions", transactions);
  await insert(client, "ledger_entries", entries);
  await insert(client, "audit_log", audit);
  await insert(client, "email_outbox", emails);
  await insert(client, "notifications", notifications);
  log(
    `${applications.length} candidatures, ${candidates.length} candidats, ${consents.length} accords, ${hours.length} heures confirmées, ` +
      `${entries.length} écritures, ${audit.length} lignes d'audit, ${emails.length} courriels, ${notifications.length} notifications.`,
  );
  await client`vacuum analyze`;
  const [skills] = await client<{ n: number }[]>`select sum(jsonb_array_length(skills))::int as n from agent_profiles`;
  log(`Terminé (${skills?.n} compétences de profils). VACUUM ANALYZE fait.`);
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
