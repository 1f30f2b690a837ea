import { isCampaignTag } from '../../shared/campaign-tag';
import { FUNNEL_OTHER_TAGS, type FunnelCounts, type StaffFunnel } from '../../shared/staff-api';
import { AppError } from '../errors/app-error';
import { viewerKey, type Viewer } from '../sign-in/viewer';
import type { AudienceCounters } from '../store/audience-counters';
import { createVisitorIds } from './visitor-ids';
import { createVisitorPseudonym } from './visitor-pseudonym';

/**
 * Who saw a live page: a pseudonym is made of it, never kept as it is. `cookie` and `install` ids are the ones the
 * BFF issued (`verifyVisitor`), never one a client made up.
 */
export type VisitorIdentity =
  { kind: 'viewer'; viewer: Viewer } | { kind: 'cookie'; id: string } | { kind: 'install'; id: string };

export interface FunnelServiceOptions {
  counters: AudienceCounters;
  /** Keys the visitors' pseudonyms (the BFF's session secret: the same on every instance). */
  secret: string;
  /** The living code a viewer holds for a live while it is still valid (the living-code service's). */
  heldCode(viewer: Viewer, livingId: string): Promise<string | undefined>;
  /** Distinct campaign tags kept per live (`FUNNEL_TAGS_PER_LIVE`); the rest are counted as `FUNNEL_OTHER_TAGS`. */
  tagsPerLive?: number;
}

type Step = 'views' | 'taps' | 'opens';

/** A tap or an open is counted once per viewer and code: longer than a code lives (five minutes). */
const REPLAY_GUARD_MS = 10 * 60_000;

const stepKey = (step: Step, livingId: string, tag: string) => `funnel:${step}:${livingId}:${tag}`;
const tagsKey = (livingId: string) => `funnel:tags:${livingId}`;
/** A tag that is missing or not a campaign tag counts as untagged (`''`). */
const tagOf = (from: string | undefined) => (from !== undefined && isCampaignTag(from) ? from : '');

const identityOf = (visitor: VisitorIdentity) =>
  visitor.kind === 'viewer' ? `viewer:${viewerKey(visitor.viewer)}` : `${visitor.kind}:${visitor.id}`;

/**
 * Our own funnel, per live and campaign tag (`?from=…`): unique viewers of the live page, taps that got a living
 * code, and the opens of WeCom's live mini program that followed. Recording never waits and never fails (see
 * `AudienceCounters`); a tap or open sent again with the same code counts once.
 */
export function createFunnelService({ counters, secret, heldCode, tagsPerLive = 50 }: FunnelServiceOptions) {
  const pseudonym = createVisitorPseudonym(secret);
  const visitorIds = createVisitorIds(secret);

  /**
   * Counts under the live's tag row: the tag itself while the live has fewer than `tagsPerLive` of them (or already
   * has this one), the "other" row after that, so a script sending made-up tags adds one row at most and the staff
   * read stays bounded. Untagged is always its own row. Nothing is counted while the store is away.
   */
  const withTag = (livingId: string, from: string | undefined, count: (tag: string) => Promise<void>) => {
    void counters
      .admitLabel({
        key: tagsKey(livingId),
        label: tagOf(from),
        cap: tagsPerLive,
        overflow: FUNNEL_OTHER_TAGS,
        exempt: [''],
      })
      .then((tag) => (tag === undefined ? undefined : count(tag)));
  };

  const countOnce = (step: 'taps' | 'opens', livingId: string, viewer: Viewer, code: string, from?: string) => {
    withTag(livingId, from, (tag) =>
      counters.record({
        counts: [stepKey(step, livingId, tag)],
        once: {
          key: `funnel:${step}-once:${livingId}:${pseudonym(`${viewerKey(viewer)}:${code}`)}`,
          ttlMs: REPLAY_GUARD_MS,
        },
      }),
    );
  };

  return {
    /** A new visitor id, signed: for a browser's visitor cookie or a mini program install. */
    issueVisitor: (): string => visitorIds.issue(),

    /** The id inside a visitor id this BFF issued; undefined for one it did not (made up, unsigned, forged). */
    verifyVisitor: (signed: string): string | undefined => visitorIds.verify(signed),

    /** The live page showed this live to `visitor`. */
    recordView(livingId: string, visitor: VisitorIdentity, from?: string): void {
      withTag(livingId, from, (tag) =>
        counters.record({
          unique: [{ key: stepKey('views', livingId, tag), member: pseudonym(identityOf(visitor)) }],
        }),
      );
    },

    /** `code` was just issued to `viewer` (not a refusal, not a wait in line). */
    recordTap(livingId: string, viewer: Viewer, code: string, from?: string): void {
      countOnce('taps', livingId, viewer, code, from);
    },

    /**
     * The client says WeCom's live mini program opened. Counted when the viewer holds a valid code for the live
     * (so, after a tap), once per code; `false` when there was nothing to count.
     */
    async recordOpen(livingId: string, viewer: Viewer, from?: string): Promise<boolean> {
      const code = await heldCode(viewer, livingId).catch(() => undefined);
      if (code === undefined) return false;
      countOnce('opens', livingId, viewer, code, from);
      return true;
    },

    /** The funnel of one live: in total and per tag (most viewed first; untagged is `from: ''`). */
    async read(livingId: string): Promise<StaffFunnel> {
      try {
        return await readFunnel(livingId);
      } catch (cause) {
        throw new AppError(
          'UPSTREAM_UNAVAILABLE',
          'The funnel cannot be read right now (shared store); try again soon',
          {
            retryAfter: 5,
            cause,
          },
        );
      }
    },
  };

  async function readFunnel(livingId: string): Promise<StaffFunnel> {
    const tags = await counters.labels(tagsKey(livingId));
    const { unique, counts } = await counters.read({
      unique: [
        tags.map((tag) => stepKey('views', livingId, tag)),
        ...tags.map((tag) => [stepKey('views', livingId, tag)]),
      ],
      counts: tags.flatMap((tag) => [stepKey('taps', livingId, tag), stepKey('opens', livingId, tag)]),
    });
    const byTag = tags.map((from, i) => ({
      from,
      views: unique[i + 1] ?? 0,
      taps: counts[2 * i] ?? 0,
      opens: counts[2 * i + 1] ?? 0,
    }));
    byTag.sort((a, b) => b.views - a.views || b.taps - a.taps || (a.from < b.from ? -1 : 1));
    const total: FunnelCounts = {
      views: unique[0] ?? 0,
      taps: byTag.reduce((sum, row) => sum + row.taps, 0),
      opens: byTag.reduce((sum, row) => sum + row.opens, 0),
    };
    return { total, byTag };
  }
}

export type FunnelService = ReturnType<typeof createFunnelService>;
