import type { TestProject } from "vitest/node";
import { DEFAULT_TEST_DATABASE_URL, ensureTestPostgres } from "./test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

/** Vitest's global set-up: a Postgres server for the integration tests, started when none answers. */
export default async function setup(project: TestProject) {
  const server = await ensureTestPostgres(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
  process.env.TEST_DATABASE_URL = server.url;
  project.provide("testDatabaseUrl", server.url);
  return async () => {
    await server.stop();
  };
}
