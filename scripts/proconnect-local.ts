/**
 * Starts the local ProConnect-style provider (development only).
 *   npx tsx scripts/proconnect-local.ts
 * Env: PROCONNECT_LOCAL_PORT (3001), PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET, APP_URL (http://localhost:3000).
 */
import { startLocalProConnect } from "@/dev/proconnect-local";

const appUrl = (process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
const port = Number(process.env.PROCONNECT_LOCAL_PORT || 3001);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PROCONNECT_LOCAL_PORT invalide : ${process.env.PROCONNECT_LOCAL_PORT}`);
  process.exit(1);
}

const proConnect = await startLocalProConnect({
  port,
  clientId: process.env.PROCONNECT_CLIENT_ID || "partagez-vos-talents-local",
  clientSecret: process.env.PROCONNECT_CLIENT_SECRET || "local-secret-not-for-production",
  redirectUris: [`${appUrl}/api/auth/callback/proconnect`],
  postLogoutRedirectUris: [`${appUrl}/`],
  log: (message) => console.log(message),
});

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await proConnect.close();
    process.exit(0);
  } catch (error) {
    console.error(`Arrêt de ProConnect local sur ${signal} impossible :`, error);
    process.exit(1);
  }
}
process.on("SIGINT", (signal) => void stop(signal));
process.on("SIGTERM", (signal) => void stop(signal));
