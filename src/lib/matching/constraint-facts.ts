/**
 * The constraint facts of every indexed profile (administration, places, remote work, hours), in
 * typed arrays: administrations and sets of places are ids into tables of their distinct values
 * (a few hundred for 100,000 profiles), so a profile costs 17 bytes instead of an object, two
 * arrays and its own folded strings (~23 MB at 100,000 profiles).
 */
import { GrowableFloat64, GrowableInt32, GrowableUint8 } from "./inverted-index";
import type { AgentConstraintFacts } from "./score";

interface Places {
  locations: string[];
  displayLocations: string[];
}

/** remote: 0 unknown, 1 no, 2 yes. hours: NaN when unknown. */
const REMOTE_UNKNOWN = 0;
const REMOTE_NO = 1;
const REMOTE_YES = 2;

export class ConstraintFactsTable {
  private readonly administrations: string[] = [];
  private readonly administrationIds = new Map<string, number>();
  private readonly placeSets: Places[] = [];
  private readonly placeSetIds = new Map<string, number>();
  private readonly administration = new GrowableInt32();
  private readonly places = new GrowableInt32();
  private readonly remote = new GrowableUint8();
  private readonly hours = new GrowableFloat64();

  set(doc: number, facts: AgentConstraintFacts): void {
    this.administration.set(doc, this.administrationId(facts.administration));
    this.places.set(doc, this.placeSetId(facts));
    this.remote.set(doc, facts.remote === undefined ? REMOTE_UNKNOWN : facts.remote ? REMOTE_YES : REMOTE_NO);
    this.hours.set(doc, facts.hoursPerMonth ?? Number.NaN);
  }

  /** The facts of a document set before (a fresh object over shared strings and arrays). */
  get(doc: number): AgentConstraintFacts {
    const places = this.placeSets[this.places.values[doc]!]!;
    const remote = this.remote.values[doc];
    const hours = this.hours.values[doc]!;
    return {
      administration: this.administrations[this.administration.values[doc]!]!,
      locations: places.locations,
      displayLocations: places.displayLocations,
      remote: remote === REMOTE_UNKNOWN ? undefined : remote === REMOTE_YES,
      hoursPerMonth: Number.isNaN(hours) ? undefined : hours,
    };
  }

  byteSize(): number {
    return this.administration.values.byteLength + this.places.values.byteLength + this.remote.values.byteLength + this.hours.values.byteLength;
  }

  private administrationId(name: string): number {
    let id = this.administrationIds.get(name);
    if (id === undefined) {
      id = this.administrations.push(name) - 1;
      this.administrationIds.set(name, id);
    }
    return id;
  }

  private placeSetId({ locations, displayLocations }: AgentConstraintFacts): number {
    const key = JSON.stringify([locations, displayLocations]);
    let id = this.placeSetIds.get(key);
    if (id === undefined) {
      id = this.placeSets.push({ locations, displayLocations }) - 1;
      this.placeSetIds.set(key, id);
    }
    return id;
  }
}
