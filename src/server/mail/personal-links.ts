import { escapeHtml } from "./templates";

/**
 * Single-use links (a manager's consent) give whoever holds them a way to answer. The outbox never
 * stores one: emails carry this placeholder, and the link is minted when the email is handed to SMTP.
 */
export const PERSONAL_LINK_PLACEHOLDER = "[lien personnel ajouté au moment de l’envoi]";

const SINGLE_USE_LINK = /https?:\/\/[^\s"<>]*\/consentement\/[A-Za-z0-9_-]{16,}/g;

/** Defence in depth for any caller of the outbox: a consent link written by mistake is replaced. */
export function withoutSingleUseLinks(body: string): string {
  return body.replace(SINGLE_USE_LINK, PERSONAL_LINK_PLACEHOLDER);
}

/** The email as it leaves: the placeholder replaced by the link minted for this delivery. */
export function withPersonalLink(message: { text: string; html: string }, url: string): { text: string; html: string } {
  return {
    text: message.text.split(PERSONAL_LINK_PLACEHOLDER).join(url),
    html: message.html.split(escapeHtml(PERSONAL_LINK_PLACEHOLDER)).join(escapeHtml(url)),
  };
}
