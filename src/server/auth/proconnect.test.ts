import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acrSatisfies, fetchVerifiedUserinfo } from "./proconnect";

/** A fake issuer whose userinfo is signed either with its published key or with a stranger's key. */
async function startFakeIssuer() {
  const published = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(published.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  let signWith = published.privateKey;
  let subject = "agent-1";
  const server: Server = createServer(async (request, response) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.url === "/.well-known/openid-configuration") {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ issuer, userinfo_endpoint: `${issuer}/userinfo`, jwks_uri: `${issuer}/jwks` }));
    } else if (request.url === "/jwks") {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ keys: [jwk] }));
    } else if (request.url === "/userinfo") {
      const jwt = await new SignJWT({ email: "agent@exemple.gouv.fr", given_name: "Ana", usual_name: "Lopes", siret: "11000201100044" })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(issuer)
        .setAudience("client-1")
        .setSubject(subject)
        .setIssuedAt()
        .sign(signWith);
      response.setHeader("content-type", "application/jwt");
      response.end(jwt);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    signWithStranger: () => (signWith = stranger.privateKey),
    signWithPublished: () => (signWith = published.privateKey),
    setSubject: (value: string) => (subject = value),
  };
}

describe("userinfo ProConnect", () => {
  let fake: Awaited<ReturnType<typeof startFakeIssuer>>;
  beforeAll(async () => {
    fake = await startFakeIssuer();
  });
  afterAll(() => fake.server.close());

  const request = () =>
    fetchVerifiedUserinfo({ issuer: fake.issuer, clientId: "client-1", accessToken: "at", expectedSub: "agent-1" });

  it("accepte un userinfo signé par la clé publiée de l'émetteur", async () => {
    fake.signWithPublished();
    fake.setSubject("agent-1");
    const claims = await request();
    expect(claims).toMatchObject({ sub: "agent-1", siret: "11000201100044", usual_name: "Lopes" });
  });

  it("refuse un userinfo signé par une autre clé", async () => {
    fake.signWithStranger();
    await expect(request()).rejects.toThrow(/Signature du userinfo invalide/);
    fake.signWithPublished();
  });

  it("refuse un userinfo qui concerne une autre personne que l'id_token", async () => {
    fake.setSubject("quelqu-un-d-autre");
    await expect(request()).rejects.toThrow(/même personne/);
    fake.setSubject("agent-1");
  });
});

describe("niveau d'authentification (acr)", () => {
  it("accepte tout sans minimum configuré", () => {
    expect(acrSatisfies(undefined, undefined)).toBe(true);
  });
  it("compare les niveaux eIDAS", () => {
    expect(acrSatisfies("eidas2", "eidas1")).toBe(true);
    expect(acrSatisfies("eidas1", "eidas2")).toBe(false);
    expect(acrSatisfies("inconnu", "eidas1")).toBe(false);
  });
});
