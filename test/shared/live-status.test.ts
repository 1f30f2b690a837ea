import { liveStatusFromCode, liveTypeFromCode, replayStateFrom } from '../../shared/live-status';

describe('WeCom enumerations', () => {
  it.each([
    [0, 'reserved'],
    [1, 'living'],
    [2, 'ended'],
    [3, 'expired'],
    [4, 'cancelled'],
    [5, undefined],
    [-1, undefined],
  ])('status %i → %p', (code, name) => expect(liveStatusFromCode(code)).toBe(name));

  it.each([
    [0, 'general'],
    [1, 'small_class'],
    [2, 'large_class'],
    [3, 'training'],
    [4, 'event'],
    [9, 'general'],
  ])('type %i → %p', (code, name) => expect(liveTypeFromCode(code)).toBe(name));

  it.each([
    [0, undefined, 'none'],
    [0, 0, 'none'],
    [undefined, 0, 'none'],
    [1, undefined, 'none'],
    [1, 0, 'ready'],
    [1, 1, 'generating'],
    [1, 2, 'deleted'],
    [1, 3, 'failed'],
    [1, 7, 'none'],
  ])('open_replay %p, replay_status %p → %p', (open, status, state) =>
    expect(replayStateFrom(open, status)).toBe(state),
  );
});
