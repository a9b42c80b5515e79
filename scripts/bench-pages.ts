/**
 * Page benchmark: the production build on a loaded Postgres (see `npm run db:load-bench`), every
 * page of every role, logged in through the real login (the local ProConnect provider), under
 * 10 and 50 concurrent clients on loopback, each run right after the anonymous reference page
 * (/mentions-legales) so that the ratio holds whatever the machine.
 *
 *   npm run bench:pages -- [--database-url postgres://…/pvt_bench] [--port 3750] [--seconds 2] [--rounds 3]
 *                          [--clients 10,50] [--only observatoire,libres] [--out docs/BENCHMARK.md] [--idle-seconds 30]
 *
 * A script, not a test: it prints figures and never fails on them. It builds the app when no
 * build is present. Bounded: each measure lasts --seconds, each request times out after 10 s.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import postgres from "postgres";
import { demoAccounts } from "../src/server/db/seed/demo-accounts";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const DATABASE_URL = option("database-url", process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pvt_bench");
const PORT = Number(option("port", "3750"));
const SECONDS = Number(option("seconds", "2"));
/**
 * Rounds of « reference, then page » per page and number of clients: on a shared machine the
 * reference's median moved by ×2 within a run, and one measure of each let a page's ratio swing
 * across its target; alternating several short measures puts both under the same conditions.
 */
const ROUNDS = Number(option("rounds", "3"));
/** Requests of the one-user measure (latency and CPU per request). */
const SINGLE_REQUESTS = 20;
const CLIENTS = option("clients", "10,50").split(",").map(Number);
const ONLY = option("only", "").split(",").filter(Boolean);
const OUT = option("out", "");
/** Idle time before the RSS "at rest" is read. */
const IDLE_MS = Number(option("idle-seconds", "30")) * 1000;
const REQUEST_TIMEOUT_MS = 10_000;
const BASE = `http://localhost:${PORT}`;
const REFERENCE = "/mentions-legales";

// ── Cookies and the real login ─────────────────────────────────────────────────
/** One jar for the app and the provider, as a browser does on localhost (cookies ignore the port). */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

async function follow(jar: Jar, url: string, init: RequestInit = {}): Promise<{ url: string; body: string }> {
  let current = url;
  let request = init;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(current, { ...request, redirect: "manual", headers: { ...(request.headers ?? {}), cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).toString();
      request = {};
      continue;
    }
    return { url: current, body: await response.text() };
  }
  throw new Error(`Trop de redirections depuis ${url}`);
}

/** Signs in through Auth.js and the local provider's account chooser, as the e2e tests do. */
async function login(email: string): Promise<string> {
  const account = demoAccounts.find((candidate) => candidate.email === email);
  if (!account) throw new Error(`Compte de démonstration inconnu : ${email}`);
  const jar = new Jar();
  const chooser = await follow(jar, `${BASE}/connexion/proconnect?callbackUrl=/`);
  const action = /<form method="post" action="([^"]+\/login)"/.exec(chooser.body)?.[1];
  if (!action) throw new Error(`Page de connexion du fournisseur inattendue (${chooser.url})`);
  const landed = await follow(jar, new URL(action.replace(/&amp;/g, "&"), chooser.url).toString(), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ sub: account.sub }).toString(),
  });
  if (!jar.header().includes("authjs.session-token")) throw new Error(`Connexion de ${email} échouée (arrivée sur ${landed.url})`);
  return jar.header();
}

// ── Load ───────────────────────────────────────────────────────────────────────
interface Measure {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  timeouts: number;
  /** Sorted latencies of the successful requests, and the time they took, to merge rounds. */
  latencies: number[];
  seconds: number;
}

/** One measure from several rounds of the same load. */
function merged(measures: Measure[]): Measure {
  const latencies = measures.flatMap((measure) => measure.latencies).sort((a, b) => a - b);
  const seconds = measures.reduce((sum, measure) => sum + measure.seconds, 0);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    rps: latencies.length / seconds,
    requests: latencies.length,
    errors: measures.reduce((sum, measure) => sum + measure.errors, 0),
    timeouts: measures.reduce((sum, measure) => sum + measure.timeouts, 0),
    latencies,
    seconds,
  };
}

function get(agent: http.Agent, path: string, cookie: string): Promise<{ status: number; ms: number; timeout: boolean; bytes: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.get(`${BASE}${path}`, { agent, headers: cookie ? { cookie } : {}, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, timeout: false, bytes }));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, timeout: error.message === "timeout", bytes: 0 }));
  });
}

function percentile(sorted: number[], share: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** `clients` connections each sending requests back to back for `seconds`. */
async function load(path: string, cookie: string, clients: number, seconds: number, onTick?: () => void): Promise<Measure> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  const deadline = performance.now() + seconds * 1000;
  const ticker = onTick ? setInterval(onTick, 250) : undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const result = await get(agent, path, cookie);
        if (result.timeout) timeouts++;
        else if (result.status !== 200) errors++;
        else latencies.push(result.ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (ticker) clearInterval(ticker);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: latencies.length / elapsed, requests: latencies.length, errors, timeouts, latencies, seconds: elapsed };
}

/**
 * Requests a page abandons on timeout keep running in Postgres: before measuring the next page,
 * wait (30 s at most) until the reference answers about as fast as when the server was quiet.
 */
async function settle(quietMs: number) {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const { ms: latency } = await get(new http.Agent(), REFERENCE, "");
    if (latency <= Math.max(3 * quietMs, quietMs + 50)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// ── The server ─────────────────────────────────────────────────────────────────
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const all: number[] = [];
  const walk = (id: number) => (children.get(id) ?? []).forEach((child) => (all.push(child), walk(child)));
  walk(pid);
  return all;
}

/** RSS in MB of the Next.js server: the descendant running the compiled scripts/serve.ts (or, in older builds, next start). */
function serverRss(root: number): number {
  const values = readServerProcs(root, (pid) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : NaN;
  }).filter((value) => !Number.isNaN(value));
  return values.length ? Math.max(...values) : NaN;
}

/** CPU time (user + system) the Next.js server process has used so far, in ms (clock ticks of 10 ms). */
function serverCpuMs(root: number): number {
  return readServerProcs(root, (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }).reduce((sum, value) => sum + value, 0);
}

/** A figure read from /proc for each descendant that is the Next.js server, skipping those gone meanwhile. */
function readServerProcs(root: number, read: (pid: number) => number): number[] {
  const values: number[] = [];
  for (const pid of descendants(root)) {
    try {
      if (/next-server|next.*start|serve\.(ts|mjs)/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) values.push(read(pid));
    } catch {
      // gone meanwhile
    }
  }
  return values;
}

/** Waits for /api/ready (the matching index built in the background at start), where the build has it. */
async function waitUntilReady() {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${BASE}/api/ready`).catch(() => null);
    if (!response || response.status !== 503) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.warn("Le serveur n'est toujours pas prêt après 5 minutes : mesures quand même.");
}

/** The server's last output, shown when something fails. */
let serverOutput = "";

async function startServer(): Promise<ChildProcess> {
  if (!existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
    console.log("Pas de build de production : npm run build…");
    execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  }
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--start"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      APP_URL: BASE,
      PROCONNECT_LOCAL_PORT: String(PORT + 1),
      DATABASE_URL,
      SEED_DEMO_DATA: "1",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    serverOutput = output;
  };
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Le serveur s'est arrêté :\n${output}`);
    try {
      if ((await fetch(`${BASE}${REFERENCE}`)).ok) {
        await waitUntilReady();
        return server;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Le serveur ne répond pas après 2 minutes :\n${output}`);
}

// ── Pages ──────────────────────────────────────────────────────────────────────
interface Page {
  role: "anonyme" | "agent" | "demandeur" | "manager" | "dinum";
  name: string;
  path: string;
}

async function pages(): Promise<Page[]> {
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  const one = async (query: Promise<Record<string, string>[]>) => (await query)[0];
  const published = await one(sql`select id from missions where state = 'publiee' order by published_at desc limit 1`);
  const submitted = await one(sql`select id from missions where state = 'soumise' order by submitted_at limit 1`);
  const demandeurMission = await one(
    sql`select m.id from missions m join users u on u.id = m.author_id where u.email = 'yann.le-goff@saint-brieuc.fr' and m.state in ('publiee', 'en_cours') order by m.state desc limit 1`,
  );
  const concept = await one(sql`select id from skill_concepts order by id limit 1`);
  const email = await one(sql`select id from email_outbox order by created_at desc limit 1`);
  const administration = await one(sql`select administration_id as id from ledger_entries where administration_id is not null group by 1 order by count(*) desc limit 1`);
  const transaction = await one(sql`select id from ledger_transactions order by created_at desc limit 1`);
  await sql.end();
  const list: (Page | null)[] = [
    { role: "anonyme", name: "accueil", path: "/" },
    { role: "agent", name: "accueil agent (missions pour moi)", path: "/agent" },
    { role: "agent", name: "profil", path: "/agent/profil" },
    { role: "agent", name: "mes candidatures", path: "/agent/candidatures" },
    { role: "agent", name: "propositions", path: "/agent/propositions" },
    { role: "agent", name: "catalogue", path: "/missions" },
    { role: "agent", name: "catalogue, recherche", path: `/missions?q=${encodeURIComponent("tableau de bord")}` },
    { role: "agent", name: "catalogue, filtres", path: "/missions?famille=donnees&mode=distance&heuresMax=20&tri=effort" },
    published ? { role: "agent", name: "fiche mission", path: `/missions/${published.id}` } : null,
    { role: "agent", name: "notifications", path: "/notifications" },
    { role: "agent", name: "compte (page connectée statique)", path: "/compte" },
    { role: "demandeur", name: "accueil demandeur", path: "/demandeur" },
    { role: "demandeur", name: "nouvelle mission", path: "/demandeur/missions/nouvelle" },
    demandeurMission ? { role: "demandeur", name: "candidats d'une mission", path: `/demandeur/missions/${demandeurMission.id}/candidats` } : null,
    { role: "demandeur", name: "compensation", path: "/compensation" },
    { role: "manager", name: "accueil manager", path: "/manager" },
    { role: "dinum", name: "accueil DINUM", path: "/dinum" },
    { role: "dinum", name: "missions", path: "/dinum/missions" },
    { role: "dinum", name: "modération", path: "/dinum/moderation" },
    submitted ? { role: "dinum", name: "modération d'une mission", path: `/dinum/moderation/${submitted.id}` } : null,
    published ? { role: "dinum", name: "revue", path: `/dinum/missions/${published.id}/revue` } : null,
    { role: "dinum", name: "observatoire", path: "/dinum/observatoire" },
    { role: "dinum", name: "référentiel", path: "/dinum/referentiel" },
    { role: "dinum", name: "compétences libres", path: "/dinum/referentiel/competences-libres" },
    concept ? { role: "dinum", name: "concept", path: `/dinum/referentiel/${concept.id}` } : null,
    { role: "dinum", name: "consentements", path: "/dinum/consentements" },
    { role: "dinum", name: "contributeurs", path: "/dinum/contributeurs" },
    { role: "dinum", name: "courriels", path: "/dinum/courriels" },
    email ? { role: "dinum", name: "courriel", path: `/dinum/courriels/${email.id}` } : null,
    { role: "dinum", name: "compensation", path: "/dinum/compensation" },
    administration ? { role: "dinum", name: "relevé d'une administration", path: `/dinum/compensation/${administration.id}` } : null,
    transaction ? { role: "dinum", name: "opération", path: `/dinum/compensation/operations/${transaction.id}` } : null,
  ];
  return list.filter((page): page is Page => page !== null).filter((page) => !ONLY.length || ONLY.some((word) => `${page.role} ${page.name} ${page.path}`.includes(word)));
}

const ACCOUNTS: Record<Exclude<Page["role"], "anonyme">, string> = {
  agent: "camille.durand@interieur.gouv.fr",
  demandeur: "yann.le-goff@saint-brieuc.fr",
  manager: "sophie.martin@interieur.gouv.fr",
  dinum: demoAccounts.find((account) => account.role === "dinum")!.email,
};

// ── Run ────────────────────────────────────────────────────────────────────────
const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : "—");

function machine(): string {
  let postgresVersion = "?";
  try {
    postgresVersion = execFileSync("psql", [DATABASE_URL, "-Atc", "show server_version"], { encoding: "utf8" }).trim();
  } catch {
    // psql absent
  }
  return `${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism()} cœurs, ${Math.round(os.totalmem() / 2 ** 30)} Go de RAM, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${postgresVersion} sur la même machine (boucle locale)`;
}

async function main() {
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  const [size] = await sql<{ profiles: number; missions: number }[]>`select (select count(*) from agent_profiles)::int as profiles, (select count(*) from missions)::int as missions`;
  await sql.end();
  console.log(`Base : ${size?.profiles} profils, ${size?.missions} missions. ${ROUNDS} × ${SECONDS} s par mesure, ${CLIENTS.join(" et ")} clients.`);
  const list = await pages();
  const server = await startServer();
  const rootPid = server.pid!;
  const stop = () => {
    try {
      process.kill(-rootPid, "SIGTERM");
    } catch {
      // already stopped
    }
  };
  process.on("SIGINT", () => (stop(), process.exit(130)));
  process.on("SIGTERM", () => (stop(), process.exit(143)));
  const lines: string[] = [];
  try {
    const cookies: Record<string, string> = { anonyme: "" };
    for (const [role, email] of Object.entries(ACCOUNTS)) if (list.some((page) => page.role === role)) cookies[role] = await login(email);
    // Warm up: each page once (the first ranking builds the matching index), then the reference.
    for (const page of list) await get(new http.Agent(), page.path, cookies[page.role]!);
    const quiet: number[] = [];
    const referenceCpuBefore = serverCpuMs(rootPid);
    let referenceBytes = 0;
    for (let index = 0; index < SINGLE_REQUESTS; index++) {
      const result = await get(new http.Agent(), REFERENCE, "");
      quiet.push(result.ms);
      referenceBytes = result.bytes;
    }
    const referenceCpu = (serverCpuMs(rootPid) - referenceCpuBefore) / SINGLE_REQUESTS;
    console.log(`Page de référence ${REFERENCE} seule : ${ms(percentile([...quiet].sort((a, b) => a - b), 0.5))} ms, ${referenceCpu.toFixed(1)} ms de CPU par requête, ${Math.round(referenceBytes / 1024)} Ko.`);
    quiet.sort((a, b) => a - b);
    const quietMs = percentile(quiet, 0.5);
    // "At rest" is idle: V8 gives back what the warm-up left only after some seconds without work.
    const warmRss = serverRss(rootPid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const restRss = serverRss(rootPid);
    console.log(`RSS du serveur : ${warmRss} Mo juste après la chauffe, ${restRss} Mo au repos (${IDLE_MS / 1000} s sans requête)`);
    let peakRss = Math.max(warmRss, restRss);
    const sampleRss = () => (peakRss = Math.max(peakRss, serverRss(rootPid) || 0));
    const header =
      "| rôle | page | 1 utilisateur (ms) | CPU par requête (ms) | HTML (Ko) | " +
      CLIENTS.map((clients) => `${clients} clients p50 / p99 (ms) | req/s | × réf. p50 | erreurs / expirées`).join(" | ") +
      " |";
    lines.push(header, `|${" --- |".repeat(5 + CLIENTS.length * 4)}`);
    console.log(header);
    const referenceLine: string[] = [];
    for (const page of list) {
      await settle(quietMs);
      const cookie = cookies[page.role]!;
      const single: number[] = [];
      const agent = new http.Agent({ keepAlive: true });
      // One user, one request at a time: the latency, and the server's CPU per request, which the
      // machine's other work disturbs far less than latencies under load.
      const cpuBefore = serverCpuMs(rootPid);
      let bytes = 0;
      for (let index = 0; index < SINGLE_REQUESTS; index++) {
        const result = await get(agent, page.path, cookie);
        bytes = result.bytes;
        if (result.status === 200) single.push(result.ms);
        else console.warn(`  ${page.path} : statut ${result.status}`);
      }
      const cpuPerRequest = (serverCpuMs(rootPid) - cpuBefore) / SINGLE_REQUESTS;
      agent.destroy();
      single.sort((a, b) => a - b);
      const cells = [page.role, `${page.name} \`${page.path.length > 48 ? `${page.path.slice(0, 45)}…` : page.path}\``, ms(percentile(single, 0.5)), cpuPerRequest.toFixed(1), `${Math.round(bytes / 1024)}`];
      for (const clients of CLIENTS) {
        const references: Measure[] = [];
        const measures: Measure[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          references.push(await load(REFERENCE, "", clients, SECONDS, sampleRss));
          measures.push(await load(page.path, cookie, clients, SECONDS, sampleRss));
        }
        const reference = merged(references);
        const measure = merged(measures);
        referenceLine.push(`${clients} clients : ${ms(reference.p50)}`);
        cells.push(
          `${ms(measure.p50)} / ${ms(measure.p99)} (réf. ${ms(reference.p50)})`,
          measure.rps.toFixed(1),
          `×${(measure.p50 / reference.p50).toFixed(1)}`,
          `${measure.errors} / ${measure.timeouts}`,
        );
      }
      const line = `| ${cells.join(" | ")} |`;
      lines.push(line);
      console.log(line);
    }
    // And at rest again once the load is over: what an instance keeps after a busy hour.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const afterLoadRss = serverRss(rootPid);
    const summary =
      `RSS du serveur : ${restRss} Mo au repos (${IDLE_MS / 1000} s sans requête après la chauffe ; ${warmRss} Mo juste après elle), ` +
      `${peakRss} Mo au plus fort de la charge, ${afterLoadRss} Mo au repos après elle (${IDLE_MS / 1000} s sans requête). ` +
      `Page de référence seule : ${referenceCpu.toFixed(1)} ms de CPU par requête, ${Math.round(referenceBytes / 1024)} Ko de HTML.`;
    console.log(summary);
    if (OUT) {
      const text = [
        "# Banc d'essai des pages",
        "",
        `Mesuré le ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC par \`npm run bench:pages\` sur une base de ${size?.profiles} profils et ${size?.missions} missions (\`npm run db:load-bench\`).`,
        "",
        `Machine : ${machine()}.`,
        "",
        `Chaque page est mesurée en ${ROUNDS} tours de ${SECONDS} s, chacun juste après ${SECONDS} s de la page anonyme de référence \`${REFERENCE}\` au même nombre de clients ; « × réf. » est le rapport des médianes de tous les tours.`,
        "",
        ...lines,
        "",
        summary,
        "",
      ].join("\n");
      writeFileSync(OUT, text);
      console.log(`Tableau écrit dans ${OUT}`);
    }
  } catch (error) {
    console.error(`Sortie du serveur :\n${serverOutput.slice(-4000)}`);
    throw error;
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
