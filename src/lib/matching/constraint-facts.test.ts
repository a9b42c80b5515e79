import { describe, expect, it } from "vitest";
import { ConstraintFactsTable } from "./constraint-facts";
import { agentConstraintFacts } from "./score";

describe("ConstraintFactsTable", () => {
  it("gives back each profile's facts as they were set, unknowns included", () => {
    const table = new ConstraintFactsTable();
    const facts = [
      agentConstraintFacts({ id: "a", skills: [], administration: "Ville de Metz", locations: ["Metz", "Nancy"], remote: true, hoursPerMonth: 7.3 }),
      agentConstraintFacts({ id: "b", skills: [], administration: "Préfecture du Cantal", location: "Aurillac", remote: false }),
      agentConstraintFacts({ id: "c", skills: [] }),
    ];
    facts.forEach((f, doc) => table.set(doc * 1500, f));
    facts.forEach((f, doc) => expect(table.get(doc * 1500)).toEqual(f));
    expect(table.get(3000).remote).toBeUndefined();
    expect(table.get(3000).hoursPerMonth).toBeUndefined();
  });

  it("shares one copy of an administration and of a set of places among the profiles that have them", () => {
    const table = new ConstraintFactsTable();
    for (let doc = 0; doc < 3; doc++) table.set(doc, agentConstraintFacts({ id: `a${doc}`, skills: [], administration: "CHU de Lyon", locations: ["Lyon"], remote: true, hoursPerMonth: 4 }));
    expect(table.get(0).locations).toBe(table.get(2).locations);
    expect(table.get(0).displayLocations).toBe(table.get(1).displayLocations);
  });
});
