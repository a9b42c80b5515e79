import { expect, type Locator } from "@playwright/test";

/**
 * Fills a field of a server-rendered form and checks it holds exactly the value: on a loaded
 * machine, hydration can land between Playwright's select-all and its typing, which then appends.
 */
export async function fillField(field: Locator, value: string) {
  await expect(async () => {
    await field.fill(value);
    await expect(field).toHaveValue(value, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
