import { describe, expect, it } from "vitest";
import { isDeletedAccountAddress } from "@/server/mail/outbox";
import { pseudonymOf, withoutUsableLinks } from "./service";

describe("withoutUsableLinks", () => {
  it("retire le jeton d'un lien de consentement et de tout lien qui porte un secret", () => {
    const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";
    const text = `Répondre : https://talents.numerique.gouv.fr/consentement/${token}\nAutre : https://exemple.gouv.fr/invitation/${token}?x=1`;
    const cleaned = withoutUsableLinks(text);
    expect(cleaned).not.toContain(token);
    expect(cleaned).toContain("https://talents.numerique.gouv.fr/consentement/");
    expect(cleaned).toContain("https://exemple.gouv.fr/invitation/[lien retiré]");
  });

  it("garde les liens ordinaires", () => {
    const text = "Voir la mission : https://talents.numerique.gouv.fr/missions/3f2b6a1e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
    expect(withoutUsableLinks(text)).toBe(text);
  });
});

describe("pseudonymOf", () => {
  it("donne le même pseudonyme à la même personne, un autre à une autre, sans son identifiant", () => {
    const id = "3f2b6a1e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
    expect(pseudonymOf(id)).toBe(pseudonymOf(id));
    expect(pseudonymOf(id)).not.toBe(pseudonymOf("00000000-0000-4000-8000-000000000001"));
    expect(pseudonymOf(id)).not.toContain(id.slice(0, 8));
  });
});

describe("isDeletedAccountAddress", () => {
  it("reconnaît l'adresse d'un compte supprimé, pas une adresse réelle", () => {
    expect(isDeletedAccountAddress("compte-supprime-3f2b6a1e-2c4d-4e5f-8a9b-0c1d2e3f4a5b@invalid")).toBe(true);
    expect(isDeletedAccountAddress("karim.benali@interieur.gouv.fr")).toBe(false);
    expect(isDeletedAccountAddress("invalid@interieur.gouv.fr")).toBe(false);
  });
});
