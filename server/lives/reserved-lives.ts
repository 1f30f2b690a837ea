import type { Logger } from 'pino';
import { LIVE_TYPES, type LiveCard } from '../../shared/live-card';
import type { CreateLiveRequest, CreateLiveResponse, ModifyLiveRequest } from '../../shared/staff-api';
import { AppError } from '../errors/app-error';
import type { LiveCardService } from './live-card-service';
import type { CardBus } from '../push/card-bus';
import type { IdSet } from '../store/id-set';
import type { LiveRefusal, LivingManageApi, WecomLiveChanges } from '../wecom/living-manage-api';

export interface ReservedLivesOptions {
  livingManageApi: LivingManageApi;
  cards: Pick<LiveCardService, 'refresh'>;
  bus: CardBus;
  /** Where the ids of created lives are kept for every instance (the home list reads them). */
  createdLives: IdSet;
  logger: Logger;
  now?: () => number;
}

const startedMessage =
  'This live has started (or ended, or been cancelled): WeCom changes and cancels reserved lives only';

/** What a refusal means for a call that names an existing live. */
function refusedError(refusal: LiveRefusal, livingId: string): AppError {
  switch (refusal) {
    case 'not_reserved':
      return new AppError('LIVE_ALREADY_STARTED', startedMessage);
    case 'not_this_app':
      return new AppError('LIVE_NOT_THIS_APP', 'This live was not created by this app: manage it in WeCom');
    case 'no_replay':
      return new AppError('NOT_FOUND', 'This live has no replay to delete');
    case 'unknown_anchor':
      return new AppError('INVALID_BODY', "anchorUserId: not a member in the WeCom app's visible range");
    case 'invalid':
      // Every field was checked before the call, so WeCom's "invalid parameter" is the id it does not know.
      return new AppError('LIVE_NOT_FOUND', `No live with id ${livingId}`);
  }
}

/** Unix seconds of an ISO instant, which must be in the future (WeCom would refuse it). */
function futureSeconds(iso: string, nowMs: number): number {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!(seconds > Math.floor(nowMs / 1000))) throw new AppError('INVALID_BODY', 'startsAt: must be in the future');
  return seconds;
}

/** The console's fields in WeCom's words: ISO → unix seconds, type name → 0–4, remind seconds → remind_time. */
function toWecom(request: ModifyLiveRequest, nowMs: number): WecomLiveChanges {
  const { theme, startsAt, durationSeconds, type, description, remindSecondsBefore } = request;
  return {
    ...(theme !== undefined ? { theme } : {}),
    ...(startsAt !== undefined ? { living_start: futureSeconds(startsAt, nowMs) } : {}),
    ...(durationSeconds !== undefined ? { living_duration: durationSeconds } : {}),
    ...(type !== undefined ? { type: LIVE_TYPES.indexOf(type) } : {}),
    ...(description !== undefined ? { description } : {}),
    // WeCom's remind_time is already "seconds before living_start".
    ...(remindSecondsBefore !== undefined ? { remind_time: remindSecondsBefore } : {}),
  };
}

/** The console's confirmation step, checked here too: the body must name the live it acts on. */
function requireConfirmation(livingId: string, confirm: string | undefined): void {
  if (confirm !== livingId) {
    throw new AppError('CONFIRMATION_REQUIRED', `Confirm by sending {"confirm": "${livingId}"}`);
  }
}

/**
 * Reserved lives for managers: created, changed, cancelled and their replays deleted through WeCom, which alone
 * decides (only lives this app created, and only while reserved). After each change the live's card is fetched
 * again at once and told to every open screen, so the home list and the live page show it without waiting for the
 * cache to age; a created live's id is kept where every instance's home list finds it.
 */
export function createReservedLives({
  livingManageApi,
  cards,
  bus,
  createdLives,
  logger,
  now = Date.now,
}: ReservedLivesOptions) {
  /** The fresh card to every screen. WeCom failing now leaves the change made; the card catches up later. */
  async function show(livingId: string): Promise<void> {
    let card: Readonly<LiveCard>;
    try {
      card = await cards.refresh(livingId);
    } catch (err) {
      logger.warn({ event: 'reserved_live_refresh_failed', livingId, err: String(err) }, 'card refresh failed');
      return;
    }
    bus.publish(card);
  }

  async function done(livingId: string, refusal: LiveRefusal | undefined): Promise<void> {
    if (refusal) throw refusedError(refusal, livingId);
    await show(livingId);
  }

  return {
    async create(request: CreateLiveRequest): Promise<CreateLiveResponse> {
      const { anchorUserId, ...fields } = request;
      const changes = toWecom(fields, now());
      const result = await livingManageApi.createLiving({
        anchor_userid: anchorUserId,
        theme: request.theme,
        living_start: changes.living_start as number,
        living_duration: request.durationSeconds,
        ...changes,
      });
      if ('refused' in result) {
        if (result.refused === 'unknown_anchor') throw refusedError(result.refused, '');
        throw new AppError('INVALID_BODY', `WeCom refused the live (${result.refused})`);
      }
      // The live exists in WeCom from now on: losing the id (the shared store away) must not turn that into an error.
      await createdLives
        .add(result.livingId)
        .catch((err: unknown) =>
          logger.error({ event: 'created_live_not_kept', livingId: result.livingId, err: String(err) }, 'id not kept'),
        );
      await show(result.livingId);
      return { livingId: result.livingId };
    },

    async modify(livingId: string, request: ModifyLiveRequest): Promise<void> {
      const changes = toWecom(request, now());
      if (Object.keys(changes).length === 0) throw new AppError('INVALID_BODY', 'Nothing to change');
      await done(livingId, await livingManageApi.modifyLiving(livingId, changes));
    },

    async cancel(livingId: string, confirm: string | undefined): Promise<void> {
      requireConfirmation(livingId, confirm);
      await done(livingId, await livingManageApi.cancelLiving(livingId));
    },

    async deleteReplay(livingId: string, confirm: string | undefined): Promise<void> {
      requireConfirmation(livingId, confirm);
      await done(livingId, await livingManageApi.deleteReplay(livingId));
    },
  };
}

export type ReservedLives = ReturnType<typeof createReservedLives>;
