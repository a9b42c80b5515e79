/** French emails with one layout, in HTML and plain text; every value is escaped. */
export interface EmailContent {
  subject: string;
  /** Opening line, e.g. "Bonjour Camille,". */
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the action, e.g. when a link expires. */
  footnote?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE = "L'équipe Mission Talents — Direction interministérielle du numérique (DINUM)";

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const text = [
    content.greeting,
    "",
    ...content.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(content.action ? [`${content.action.label} : ${content.action.url}`, ""] : []),
    ...(content.footnote ? [content.footnote, ""] : []),
    "—",
    SIGNATURE,
    "« Partagez vos talents numériques »",
  ].join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family: Marianne, Arial, sans-serif; color: #161616; line-height: 1.5; max-width: 600px; margin: 0 auto; padding: 24px;">
<p style="font-weight: bold; color: #000091;">Partagez vos talents numériques</p>
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display: inline-block; background: #000091; color: #fff; padding: 8px 16px; text-decoration: none;">${escapeHtml(content.action.label)}</a></p>
<p style="font-size: 14px;">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : ${escapeHtml(content.action.url)}</p>`
    : ""
}
${content.footnote ? `<p style="font-size: 14px; color: #3a3a3a;">${escapeHtml(content.footnote)}</p>` : ""}
<hr><p style="font-size: 14px; color: #3a3a3a;">${escapeHtml(SIGNATURE)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
