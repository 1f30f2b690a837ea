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

export interface AudienceCounters {
  /** Records one event (in Redis: one round trip). Never rejects. */
  record(event: AudienceEvent): Promise<void>;
  read(query: AudienceQuery): Promise<AudienceReading>;
  labels(key: string): Promise<string[]>;
}

/** Every key lives this long after its last write: a live's funnel stays readable for a year and more. */
export const AUDIENCE_TTL_MS = 400 * 24 * 3600 * 1000;
