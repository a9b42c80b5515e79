/**
 * Inverted index on typed arrays. Postings only grow (a new or updated profile gets a new internal
 * id, appended at the end of each of its terms' postings); removed profiles are tombstoned and
 * skipped at query time until `compact()`.
 */

/** Postings of one term: doc ids plus one or two small per-doc values. */
export class PostingList {
  docs: Int32Array;
  /** Text postings: term frequency in tags; concept postings: strength × 255. */
  first: Uint8Array;
  /** Text postings: term frequency in the bio. */
  second: Uint8Array;
  length = 0;
  /**
   * Text postings: the BM25F term-frequency part of each posting, tf / (k1 + tf) with the length
   * normalisation of its profile, computed by the engine for the collection statistics of
   * `weightEpoch` (stale when the statistics move or the postings change).
   */
  weight = new Float32Array(0);
  weightEpoch = -1;
  /** Postings whose weight is computed (new postings are appended after them). */
  weighted = 0;

  constructor(capacity = 8) {
    this.docs = new Int32Array(capacity);
    this.first = new Uint8Array(capacity);
    this.second = new Uint8Array(capacity);
  }

  push(doc: number, first: number, second: number): void {
    if (this.length === this.docs.length) this.grow(this.length * 2);
    this.docs[this.length] = doc;
    this.first[this.length] = Math.min(255, first);
    this.second[this.length] = Math.min(255, second);
    this.length++;
  }

  private grow(capacity: number): void {
    const docs = new Int32Array(capacity);
    docs.set(this.docs.subarray(0, this.length));
    const first = new Uint8Array(capacity);
    first.set(this.first.subarray(0, this.length));
    const second = new Uint8Array(capacity);
    second.set(this.second.subarray(0, this.length));
    this.docs = docs;
    this.first = first;
    this.second = second;
  }

  /** Frees the spare capacity (after a bulk build). */
  trim(): void {
    if (this.docs.length > this.length) this.grow(Math.max(1, this.length));
  }

  /** Drops the postings of tombstoned docs. */
  compact(isDeleted: (doc: number) => boolean): void {
    let write = 0;
    for (let read = 0; read < this.length; read++) {
      const doc = this.docs[read]!;
      if (isDeleted(doc)) continue;
      this.docs[write] = doc;
      this.first[write] = this.first[read]!;
      this.second[write] = this.second[read]!;
      write++;
    }
    this.length = write;
    this.weightEpoch = -1;
  }

  byteSize(): number {
    return this.docs.byteLength + this.first.byteLength + this.second.byteLength + this.weight.byteLength;
  }
}

type NumericArray = Float32Array | Float64Array | Uint8Array | Int32Array;

/** Growable typed arrays for per-document values. */
class GrowableArray<A extends NumericArray> {
  values: A;
  constructor(private readonly allocate: (capacity: number) => A) {
    this.values = allocate(1024);
  }
  ensure(index: number): void {
    if (index < this.values.length) return;
    let capacity = this.values.length;
    while (capacity <= index) capacity *= 2;
    const next = this.allocate(capacity);
    next.set(this.values);
    this.values = next;
  }
  set(index: number, value: number): void {
    this.ensure(index);
    this.values[index] = value;
  }
}

export class GrowableFloat32 extends GrowableArray<Float32Array> {
  constructor() {
    super((capacity) => new Float32Array(capacity));
  }
}

export class GrowableFloat64 extends GrowableArray<Float64Array> {
  constructor() {
    super((capacity) => new Float64Array(capacity));
  }
}

export class GrowableUint8 extends GrowableArray<Uint8Array> {
  constructor() {
    super((capacity) => new Uint8Array(capacity));
  }
}

export class GrowableInt32 extends GrowableArray<Int32Array> {
  constructor() {
    super((capacity) => new Int32Array(capacity));
  }
  add(index: number, delta: number): void {
    this.ensure(index);
    this.values[index]! += delta;
  }
}

/**
 * The term ids and concept ids of each document, kept to undo its statistics when it is removed.
 * One shared pool instead of two small typed arrays per document: far fewer allocations.
 */
export class DocumentKeys {
  private pool = new Int32Array(1 << 16);
  private used = 0;
  private readonly start = new GrowableInt32();
  private readonly termCount = new GrowableInt32();
  private readonly conceptCount = new GrowableInt32();

  /** Reserves room for a document's keys (terms first, then concepts); write them with `put`. */
  reserve(doc: number, termCount: number, conceptCount: number): number {
    const start = this.used;
    if (start + termCount + conceptCount > this.pool.length) this.resize(Math.max(this.pool.length * 2, start + termCount + conceptCount));
    this.start.set(doc, start);
    this.termCount.set(doc, termCount);
    this.conceptCount.set(doc, conceptCount);
    this.used += termCount + conceptCount;
    return start;
  }
  put(offset: number, id: number): void {
    this.pool[offset] = id;
  }
  terms(doc: number): Int32Array {
    const start = this.start.values[doc]!;
    return this.pool.subarray(start, start + this.termCount.values[doc]!);
  }
  concepts(doc: number): Int32Array {
    const start = this.start.values[doc]! + this.termCount.values[doc]!;
    return this.pool.subarray(start, start + this.conceptCount.values[doc]!);
  }
  /** Keeps only the keys of live documents. */
  compact(docCount: number, isLive: (doc: number) => boolean): void {
    const next = new Int32Array(Math.max(1 << 16, this.used));
    let used = 0;
    for (let doc = 0; doc < docCount; doc++) {
      const count = isLive(doc) ? this.termCount.values[doc]! + this.conceptCount.values[doc]! : 0;
      const start = this.start.values[doc]!;
      next.set(this.pool.subarray(start, start + count), used);
      this.start.set(doc, used);
      if (count === 0) {
        this.termCount.set(doc, 0);
        this.conceptCount.set(doc, 0);
      }
      used += count;
    }
    this.pool = next;
    this.used = used;
  }
  private resize(capacity: number): void {
    const next = new Int32Array(capacity);
    next.set(this.pool.subarray(0, this.used));
    this.pool = next;
  }
  byteSize(): number {
    return this.pool.byteLength + this.start.values.byteLength + this.termCount.values.byteLength + this.conceptCount.values.byteLength;
  }
}

/** Term dictionary (term → id) with one posting list and a live document frequency per term. */
export class TermPostings {
  readonly ids = new Map<string, number>();
  readonly lists: PostingList[] = [];
  readonly documentFrequency = new GrowableInt32();

  idOf(term: string, create: boolean): number {
    let id = this.ids.get(term);
    if (id === undefined && create) {
      id = this.lists.length;
      this.ids.set(term, id);
      this.lists.push(new PostingList());
    }
    return id ?? -1;
  }

  byteSize(): number {
    let bytes = this.documentFrequency.values.byteLength;
    for (const list of this.lists) bytes += list.byteSize() + 64; // + object overhead, roughly
    for (const term of this.ids.keys()) bytes += 2 * term.length + 56; // Map entry, roughly
    return bytes;
  }
}

/** Min-heap keeping the K best (score, doc) pairs. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly docs: Int32Array;
  size = 0;
  /** Lowest score kept once full (a candidate must beat it to enter). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }
  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(Math.max(1, capacity));
    this.docs = new Int32Array(Math.max(1, capacity));
  }
  offer(score: number, doc: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.scores[i] = score;
      this.docs[i] = doc;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= this.scores[i]!) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score <= this.scores[0]!) return;
    this.scores[0] = score;
    this.docs[0] = doc;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < this.size && this.scores[l]! < this.scores[smallest]!) smallest = l;
      if (r < this.size && this.scores[r]! < this.scores[smallest]!) smallest = r;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
  }
  private swap(a: number, b: number): void {
    const s = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = s;
    const d = this.docs[a]!;
    this.docs[a] = this.docs[b]!;
    this.docs[b] = d;
  }
  /** Best first. */
  sorted(): { doc: number; score: number }[] {
    const out: { doc: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
