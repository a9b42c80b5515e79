import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMailCatcher, type MailCatcher } from "./index";

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
});
afterAll(async () => {
  await catcher.close();
});

it("reçoit par SMTP et liste les courriels sur sa page, liens cliquables et texte échappé", async () => {
  await nodemailer.createTransport(catcher.smtpUrl).sendMail({
    from: "app@exemple.gouv.fr",
    to: "sophie.martin@interieur.gouv.fr",
    subject: "Votre accord est demandé",
    text: "Bonjour <b>Sophie</b>,\nDonner ma réponse : http://localhost:3000/consentement/abc",
  });
  const page = await (await fetch(catcher.webUrl)).text();
  expect(page).toContain("Votre accord est demandé");
  expect(page).toContain("sophie.martin@interieur.gouv.fr");
  expect(page).toContain('<a href="http://localhost:3000/consentement/abc"');
  expect(page).toContain("&lt;b&gt;Sophie&lt;/b&gt;");
});
