/**
 * Runs the app locally with everything it needs: the local ProConnect-style identity
 * provider, a mail catcher (unless SMTP_URL is set), then Next.js (which applies migrations and
 * seeds demo data at start-up).
 *
 *   tsx scripts/dev.ts            development server (scripts/serve.ts --dev)
 *   tsx scripts/dev.ts --start    production server of an existing build (scripts/serve.ts as the build compiled it)
 *
 * Next runs behind scripts/serve.ts in both modes: JSON logs per request, graceful stop.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startMailCatcher } from "../src/dev/mail-catcher";
import { startLocalProConnect } from "../src/dev/proconnect-local";
import { demoAccounts } from "../src/server/db/seed/demo-accounts";

if (existsSync(".env")) process.loadEnvFile(".env");

const mode = process.argv.includes("--start") ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

/** A secret kept in the data folder, so that sessions survive a restart of the local app. */
function localAuthSecret(): string {
  const file = path.join(".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The production server's heap, as `npm run start` sets it (package.json): without a ceiling V8
 * lets the heap grow to ~1.2 GB under 50 clients before collecting; with these flags it stays
 * near 650 MB at 100,000 profiles (docs/OPERATIONS.md). Flags that NODE_OPTIONS sets win here.
 */
function productionHeapFlags(): string[] {
  const options = process.env.NODE_OPTIONS ?? "";
  return ["--max-old-space-size=768", "--max-semi-space-size=8"].filter((flag) => !options.includes(flag.split("=")[0]!));
}

/**
 * The production server as the build compiled it (scripts/build-server.ts): plain Node, without
 * tsx's loader thread. A build made before that step existed gets it now.
 */
function compiledServer(): string {
  const file = path.join(process.env.NEXT_DIST_DIR || ".next", "serve.mjs");
  if (!existsSync(file)) execFileSync(process.execPath, ["--import", "tsx", path.join("scripts", "build-server.ts")], { stdio: "inherit" });
  return file;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, APP_URL: appUrl, PORT: String(port) };
  env.AUTH_SECRET ||= localAuthSecret();
  env.SEED_DEMO_DATA ||= "1";
  env.DINUM_ALLOWED_EMAILS ||= demoAccounts.filter((account) => account.role === "dinum").map((account) => account.email).join(",");

  let stopProvider: (() => Promise<void>) | undefined;
  if (!env.PROCONNECT_ISSUER) {
    const clientId = "partagez-vos-talents-local";
    const clientSecret = randomBytes(24).toString("base64url");
    const provider = await startLocalProConnect({
      port: Number(env.PROCONNECT_LOCAL_PORT ?? port + 1),
      clientId,
      clientSecret,
      redirectUris: [`${appUrl}/api/auth/callback/proconnect`],
      postLogoutRedirectUris: [`${appUrl}/`],
    });
    stopProvider = provider.close;
    Object.assign(env, { PROCONNECT_ISSUER: provider.issuer, PROCONNECT_CLIENT_ID: clientId, PROCONNECT_CLIENT_SECRET: clientSecret });
    console.log(`ProConnect local : ${provider.issuer} (comptes de démonstration sur sa page de connexion)`);
  }
  let stopMailCatcher: (() => Promise<void>) | undefined;
  if (!env.SMTP_URL) {
    // Emails really leave by SMTP, to a catcher on loopback whose page lists them: the consent
    // link is minted at delivery and exists only there, as in a real mailbox.
    const catcher = await startMailCatcher({
      smtpPort: Number(env.MAIL_CATCHER_SMTP_PORT ?? port + 25),
      webPort: Number(env.MAIL_CATCHER_PORT ?? port + 2),
    });
    stopMailCatcher = catcher.close;
    env.SMTP_URL = catcher.smtpUrl;
    console.log(`Courriels reçus (local) : ${catcher.webUrl} (SMTP ${catcher.smtpUrl})`);
  }
  if (mode === "dev") Object.assign(env, { NODE_ENV: "development" });

  const next = spawn(process.execPath, mode === "start" ? [...productionHeapFlags(), compiledServer()] : ["--import", "tsx", path.join("scripts", "serve.ts"), "--dev"], {
    env,
    // APP_LOG_FILE keeps a copy of the app's JSON logs (the e2e run checks them).
    stdio: ["inherit", process.env.APP_LOG_FILE ? "pipe" : "inherit", "inherit"],
  });
  if (process.env.APP_LOG_FILE && next.stdout) {
    const file = createWriteStream(process.env.APP_LOG_FILE, { flags: "a" });
    next.stdout.pipe(file);
    next.stdout.pipe(process.stdout);
  }
  console.log(`Application : ${appUrl}`);
  // The app drains on SIGTERM (scripts/serve.ts); the provider and the mail catcher stop once the app has exited.
  const forward = (signal: NodeJS.Signals) => {
    if (next.exitCode === null) next.kill(signal);
  };
  process.on("SIGINT", () => forward("SIGTERM"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  next.on("exit", (code) => {
    void (async () => {
      await stopProvider?.();
      await stopMailCatcher?.();
      process.exit(code ?? 0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
