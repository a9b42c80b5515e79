import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import type { ReceivedMail } from "../../tests/support/smtp-sink";

const port = Number(process.env.E2E_PORT ?? 3100);
const directory = path.join(".data", `e2e-${port}`, "mailbox");

/** Received mails, oldest first; files are named `<reception time in ms>-<counter>.json`. */
function readMailbox(since = 0): ReceivedMail[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => Number(file.split("-")[0]) >= since)
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(directory, file), "utf8")) as ReceivedMail);
}

/**
 * Waits until the app's email to `to` matching `subject` has arrived over SMTP, and returns it.
 * `since` (a Date.now() taken before the action that sends it) skips older emails of the same kind.
 */
export async function waitForMail(to: string, subject: RegExp, since = 0): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = readMailbox(since)
          .reverse()
          .find((mail) => mail.to.includes(to) && subject.test(mail.subject));
        return Boolean(found);
      },
      { timeout: 60_000, message: `courriel « ${subject} » pour ${to}` },
    )
    .toBe(true);
  return found!;
}

export function linkIn(mail: ReceivedMail, pattern: RegExp): string {
  const match = mail.text.match(pattern);
  if (!match) throw new Error(`Aucun lien ${pattern} dans « ${mail.subject} »`);
  return match[0];
}
