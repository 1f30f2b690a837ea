import {
  MIN_REFRESH_MS,
  REFRESH_AFTER_MS,
  USABLE_FOR_MS,
  targetTiming,
} from '../../../client/src/launch/use-launch-target';
import { aLaunch } from '../support/fixtures';

describe('when a launch target is fetched again', () => {
  it.each([
    ['a fresh code (lifetime unknown): after 4 minutes, usable for 4:40', undefined, REFRESH_AFTER_MS, USABLE_FOR_MS],
    ['a fresh code: a minute before it expires', 300_000, 240_000, 280_000],
    ['a code the BFF reused (90 s left): after 30 s', 90_000, 30_000, 70_000],
    ['a code about to expire: not sooner than the minimum', 61_000, MIN_REFRESH_MS, 41_000],
    ['an answer claiming more than five minutes: as a fresh one', 900_000, REFRESH_AFTER_MS, USABLE_FOR_MS],
  ])('%s', (_case, validForMs, refreshIn, usableFor) => {
    const timing = targetTiming({ ...aLaunch('c'), validForMs }, 1_000);
    expect(timing).toEqual({ refreshAt: 1_000 + refreshIn, usableUntil: 1_000 + usableFor });
  });
});
