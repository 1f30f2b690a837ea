/**
 * Cheap counting of an audience, for numbers WeCom cannot give (our own funnel): unique members (HyperLogLog in
 * Redis, so a viral live costs kilobytes, not a row per viewer), plain counters, and small sets of labels (which
 * campaign tags a live has seen). Shared in Redis when there is one, in this process otherwise.
 *
 * Counting is never in a viewer's way: `record` does not reject and does not wait for a store that is away; what
 * could not be counted is lost (and said so in the log, at most once a minute), never turned into an error.
 */
export interface AudienceEvent {
  /** HyperLogLogs the member joins: counted once however often it comes back. */
  unique?: Array<{ key: string; member: string }>;
  /** Counters that go up by one. */
  counts?: string[];
  /** Sets of labels the event adds to. */
  labels?: Array<{ key: string; label: string }>;
  /**
   * The counts go up only the first time this key is seen within `ttlMs`: the same event sent again (a replayed
   * request, a second tap with the same code) counts nothing.
   */
  once?: { key: string; ttlMs: number };
}

/** What to read in one go: unique counts (each the union of its keys) and counters. */
export interface AudienceQuery {
  unique: string[][];
  counts: string[];
}

export interface AudienceReading {
  unique: number[];
  counts: number[];
}

/** A label for a set that holds at most `cap` of them (`admitLabel`). */
export interface CappedLabel {
  key: string;
  label: string;
  /** Most labels the set keeps, not counting `overflow` and the `exempt` ones. */
  cap: number;
  /** What is kept (and answered) instead of a new label once the set is full. */
  overflow: string;
  /** Labels always kept, outside the cap (e.g. the untagged `''`). */
  exempt?: string[];
}

export interface AudienceCounters {
  /** Records one event (in Redis: one round trip). Never rejects. */
  record(event: AudienceEvent): Promise<void>;
  /**
   * Adds a label to a capped set and answers the label to count under: `label` when the set holds it already, it
   * is exempt, or there is room; `overflow` (added instead) when the set is full. One atomic step (in Redis: a
   * script), so instances racing for the last place cannot overfill it. Never rejects: `undefined` when the store
   * cannot be reached (the caller then counts nothing, as `record` would).
   */
  admitLabel(label: CappedLabel): Promise<string | undefined>;
  read(query: AudienceQuery): Promise<AudienceReading>;
  labels(key: string): Promise<string[]>;
}

/** Every key lives this long after its last write: a live's funnel stays readable for a year and more. */
export const AUDIENCE_TTL_MS = 400 * 24 * 3600 * 1000;
