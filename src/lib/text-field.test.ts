import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, stripControlCharacters, textAreaField, textField } from "./text-field";

describe("textField / textAreaField", () => {
  it("refuse NUL et les autres caractères de contrôle avec un message en français, avant les autres règles", () => {
    for (const bad of ["a\u0000b", "\u0000", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b", "a\u202eb", "a\u2066b", "a\rb", "a\nb"]) {
      const result = textField().trim().min(1).max(3).safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error!.issues.map((issue) => issue.message)).toEqual([CONTROL_CHARACTER_MESSAGE]);
    }
  });

  it("garde les tabulations partout, les retours à la ligne dans une zone de texte, et tout le reste du français", () => {
    expect(textField().parse("Élodie\tL'Haÿ-les-Roses « ça » — œuvre €")).toBe("Élodie\tL'Haÿ-les-Roses « ça » — œuvre €");
    expect(textAreaField().parse("Ligne 1\r\nLigne 2\n\tRetrait")).toBe("Ligne 1\r\nLigne 2\n\tRetrait");
    expect(textAreaField().safeParse("Ligne 1\u0000").success).toBe(false);
    expect(textAreaField().safeParse("a\u000bb").success).toBe(false);
    // Arabic or Hebrew text itself is fine: only the invisible direction overrides are refused.
    expect(textField().parse("مرحبا שלום")).toBe("مرحبا שלום");
  });

  it("hasControlCharacter distingue une ligne d'une zone de texte", () => {
    expect(hasControlCharacter("a\nb")).toBe(true);
    expect(hasControlCharacter("a\nb", { multiline: true })).toBe(false);
    expect(hasControlCharacter("a\u0000b", { multiline: true })).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Every schema of every domain: a NUL in any of their text fields never comes out of a parse.
// ---------------------------------------------------------------------------------------------

type Schema = z.ZodType;
type Path = Array<string | number>;
interface Leaf {
  /** What to parse (the exported schema, or the union option / catch the leaf sits in). */
  root: Schema;
  path: Path;
  freeText: boolean;
  /** Under a .catch(): an invalid value falls back to a default instead of an error. */
  caught: boolean;
}

const def = (schema: Schema) => (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;

function isFreeText(schema: Schema): boolean {
  const d = def(schema);
  const checks = (d.checks as Schema[] | undefined) ?? [];
  return d.type === "string" && !d.format && !checks.some((check) => def(check).check === "string_format");
}

function leavesOf(schema: Schema, root: Schema, path: Path, caught: boolean, out: Leaf[]) {
  const d = def(schema);
  switch (d.type) {
    case "string":
      out.push({ root, path, freeText: isFreeText(schema), caught });
      return;
    case "object":
      for (const [key, value] of Object.entries(d.shape as Record<string, Schema>)) leavesOf(value, root, [...path, key], caught, out);
      return;
    case "array":
      leavesOf(d.element as Schema, root, [...path, 0], caught, out);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
      leavesOf(d.innerType as Schema, root, path, caught, out);
      return;
    case "catch":
      // The fallback hides the error: parse the catch itself and look at what comes out.
      leavesOf(d.innerType as Schema, schema, [], true, out);
      return;
    case "pipe":
      leavesOf(d.in as Schema, root, path, caught, out);
      return;
    case "union":
      for (const option of d.options as Schema[]) leavesOf(option, option, [], caught, out);
      return;
    default:
      return;
  }
}

function payloadAt(path: Path, value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === "number" ? [payloadAt(rest, value)] : { [head!]: payloadAt(rest, value) };
}

function containsControl(value: unknown): boolean {
  if (typeof value === "string") return hasControlCharacter(value, { multiline: true });
  if (Array.isArray(value)) return value.some(containsControl);
  if (value && typeof value === "object") return Object.values(value).some(containsControl);
  return false;
}

// Found on disk, so that a new domain's schemas are examined without editing this test.
const featuresDir = fileURLToPath(new URL("../features", import.meta.url));
const schemaFiles = readdirSync(featuresDir)
  .flatMap((domain) => ["schemas.ts", "filters.ts", "search-params.ts"].map((file) => path.join(featuresDir, domain, file)))
  .filter((file) => existsSync(file));
const modules: Record<string, Record<string, unknown>> = Object.fromEntries(
  await Promise.all(schemaFiles.map(async (file) => [path.relative(featuresDir, file), (await import(file)) as Record<string, unknown>])),
);

describe("les schémas partagés de tous les domaines", () => {
  const cases: Array<[string, Leaf]> = [];
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (!value || typeof value !== "object" || !("_zod" in value) || !("safeParse" in value)) continue;
      const leaves: Leaf[] = [];
      leavesOf(value as Schema, value as Schema, [], false, leaves);
      for (const leaf of leaves) cases.push([`${file} ${name}${leaf.path.length ? "." + leaf.path.join(".") : ""}${leaf.caught ? " (filtre)" : ""}`, leaf]);
    }
  }

  it("sont tous examinés (les domaines et leurs champs texte sont trouvés)", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(14);
    expect(cases.filter(([, leaf]) => leaf.freeText).length).toBeGreaterThan(40);
  });

  it.each(cases)("%s : un caractère NUL est refusé sur le champ, ou retiré ; il n'atteint jamais la base", (_, leaf) => {
    for (const bad of ["Texte\u0000valide et assez long pour passer les minimums", "\u0000"]) {
      const result = leaf.root.safeParse(payloadAt(leaf.path, bad));
      if (result.success) {
        expect(containsControl(result.data)).toBe(false);
        continue;
      }
      const here = result.error.issues.filter((issue) => issue.path.join(".") === leaf.path.join("."));
      expect(here.length, "une erreur sur le champ lui-même").toBeGreaterThan(0);
      if (leaf.freeText) expect(here.map((issue) => issue.message)).toContain(CONTROL_CHARACTER_MESSAGE);
    }
  });
});

describe("stripControlCharacters", () => {
  it("retire les caractères de contrôle d'une recherche et garde le reste", () => {
    expect(stripControlCharacters("cam\u0000ille.\u202edurand@interieur.gouv.fr\n")).toBe("camille.durand@interieur.gouv.fr");
    expect(stripControlCharacters("Sécurité\tLinux")).toBe("Sécurité\tLinux");
  });
});
