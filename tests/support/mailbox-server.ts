/**
 * A real SMTP server for end-to-end runs: every email the app sends is written as a JSON file
 * in MAILBOX_DIR, where the browser tests read it (for example the manager's consent link).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpSink } from "./smtp-sink";

const directory = process.env.MAILBOX_DIR ?? ".data/e2e-mailbox";
const port = Number(process.env.SMTP_PORT ?? 2526);
mkdirSync(directory, { recursive: true });
let counter = 0;

const sink = await startSmtpSink(port, (mail) => {
  counter += 1;
  writeFileSync(path.join(directory, `${Date.now()}-${counter}.json`), JSON.stringify(mail));
});
console.log(`Boîte de réception de test : smtp://127.0.0.1:${sink.port} → ${directory}`);
process.on("SIGTERM", () => void sink.close().then(() => process.exit(0)));
process.on("SIGINT", () => void sink.close().then(() => process.exit(0)));
