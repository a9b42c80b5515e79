/**
 * Local mail catcher, for development only: an SMTP server on loopback that keeps what the app
 * sends, and a small page that lists it. `npm run dev` starts it and points SMTP_URL at it, so a
 * local run follows the whole path (the manager's consent link included) with no usable link
 * ever stored in the app's database.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  mails: CaughtMail[];
  close(): Promise<void>;
}

const KEPT = 200;

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Plain text with its http(s) links made clickable, everything else escaped. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/g)
    .map((part, index) => (index % 2 === 1 ? `<a href="${escapeHtml(part)}" rel="noreferrer">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join("");
}

export function renderMailbox(mails: CaughtMail[]): string {
  const items = [...mails]
    .reverse()
    .map(
      (mail) => `<article>
<h2>${escapeHtml(mail.subject || "(sans objet)")}</h2>
<p class="meta">À ${escapeHtml(mail.to.join(", "))} · de ${escapeHtml(mail.from)} · ${escapeHtml(mail.receivedAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris" }))}</p>
<pre>${linkify(mail.text)}</pre>
</article>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Courriels reçus (développement local)</title>
<style>body{font-family:Marianne,Arial,sans-serif;max-width:900px;margin:0 auto;padding:24px;color:#161616}article{border:1px solid #ddd;padding:12px 16px;margin:16px 0}pre{white-space:pre-wrap}.meta{color:#3a3a3a;font-size:14px}a{color:#000091}</style></head>
<body><h1>Courriels reçus (développement local)</h1>
<p>Ce que l'application a envoyé par SMTP, du plus récent au plus ancien. Rechargez la page pour voir les nouveaux.</p>
${items || "<p>Aucun courriel pour l'instant.</p>"}
</body></html>`;
}

export async function startMailCatcher(options: { smtpPort: number; webPort: number }): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            receivedAt: new Date(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
          });
          if (mails.length > KEPT) mails.shift();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(options.smtpPort, "127.0.0.1", resolve));
  const web: Server = createServer((_request, response) => {
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.end(renderMailbox(mails));
  });
  await new Promise<void>((resolve) => web.listen(options.webPort, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const webPort = (web.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://localhost:${webPort}`,
    mails,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}
