import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { pseudonym, setLogger } from "@/server/observability/logger";
import { annotateRequest } from "@/server/observability/request-context";
import { startHttpServer } from "./server";

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  setLogger(pino({ level: "info" }, stream));
  return lines;
}

afterEach(() => setLogger(null));

describe("the app's HTTP server", () => {
  it("says once that it went quiet, after the last request and none for idleMs, and not again until requests come", async () => {
    memoryLogger();
    let idle = 0;
    const counts: number[] = [];
    const http = await startHttpServer({
      port: 0,
      shutdownDeadlineMs: 1000,
      idleMs: 150,
      onIdle: (requests) => (idle++, counts.push(requests)),
      handle: async (_request, response) => void response.end("ok"),
    });
    const port = (http.server.address() as { port: number }).port;
    const get = async () => (await fetch(`http://127.0.0.1:${port}/`)).text();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(idle).toBe(0); // no request yet: nothing to give back
      await get();
      await get();
      expect(idle).toBe(0);
      await expect.poll(() => idle, { timeout: 2000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(idle).toBe(1);
      await get();
      await expect.poll(() => idle, { timeout: 2000 }).toBe(2);
      // Each time, how many requests came since the last.
      expect(counts).toEqual([2, 1]);
    } finally {
      await http.shutdown("test");
    }
  });


  it("writes one JSON line per request with its id, route, user pseudonym, role, status and duration, and echoes the id", async () => {
    const lines = memoryLogger();
    const http = await startHttpServer({
      port: 0,
      shutdownDeadlineMs: 1000,
      actionName: (id) => `src/features/x/actions.ts#${id}`,
      async handle(_request, response) {
        // What the session lookup does once it knows who is asking.
        annotateRequest({ user: pseudonym("user-1"), role: "agent" });
        response.end("ok");
      },
    });
    const port = (http.server.address() as { port: number }).port;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/consentement/Zk3_aB9xQ0pLmN7vR2sT4uWy8eDf?email=camille@exemple.gouv.fr`, {
        method: "POST",
        headers: { "x-request-id": "lb-1234567890", "next-action": "abc" },
      });
      expect(response.headers.get("x-request-id")).toBe("lb-1234567890");
      await response.text();
      await expect.poll(() => lines.filter((line) => line.event === "http.request").length).toBe(1);
      const [line] = lines.filter((entry) => entry.event === "http.request");
      expect(line).toMatchObject({
        requestId: "lb-1234567890",
        method: "POST",
        route: "/consentement/:jeton",
        action: "src/features/x/actions.ts#abc",
        user: pseudonym("user-1"),
        role: "agent",
        status: 200,
        outcome: "ok",
      });
      expect(typeof line!.durationMs).toBe("number");
      expect(JSON.stringify(lines)).not.toMatch(/camille|Zk3_aB9x/);
    } finally {
      await http.shutdown("test");
    }
  });

  it("stops accepting on shutdown and waits for the request in flight", async () => {
    memoryLogger();
    let release: () => void = () => {};
    const http = await startHttpServer({
      port: 0,
      shutdownDeadlineMs: 5000,
      async handle(_request, response) {
        await new Promise<void>((resolve) => (release = resolve));
        response.end("fini");
      },
    });
    const port = (http.server.address() as { port: number }).port;
    const inFlight = fetch(`http://127.0.0.1:${port}/long`).then((response) => response.text());
    await expect.poll(() => http.inFlight()).toBe(1);
    const stopped = http.shutdown("SIGTERM");
    await expect(fetch(`http://127.0.0.1:${port}/autre`)).rejects.toThrow();
    release();
    expect(await inFlight).toBe("fini");
    expect(await stopped).toBe(true);
  });
});
