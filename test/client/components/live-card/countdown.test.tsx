import { act, render, screen } from '@testing-library/react';
import { Countdown } from '../../../../client/src/components/live-card/countdown';
import { countdownText } from '../../../../shared/live-card-view/countdown-text';
import { taroMock } from '../../stand-ins/taro';

const NOW = new Date(2025, 10, 28, 10, 0, 0).getTime();
const inMs = (ms: number) => new Date(NOW + ms);
const H = 3600_000;

describe('countdown text', () => {
  it.each([
    ['more than a day away', inMs(24 * H + 1000), undefined],
    ['exactly a day away', inMs(24 * H), '距开播 24:00:00'],
    ['hours away', inMs(2 * H + 15 * 60_000 + 9_000), '距开播 02:15:09'],
    ['under a minute away', inMs(42_000), '距开播 00:00:42'],
    ['a fraction of a second away (rounds up)', inMs(200), '距开播 00:00:01'],
    ['due now', inMs(0), '即将开播'],
    ['overdue but still reserved', inMs(-5 * 60_000), '即将开播'],
  ])('%s', (_case, startsAt, text) => {
    expect(countdownText(startsAt, NOW)).toBe(text);
  });

  it('is empty for an unparsable start', () => {
    expect(countdownText('soon', NOW)).toBeUndefined();
  });
});

describe('countdown', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));

  it('ticks every second with a fixed clock', () => {
    render(<Countdown startsAt={inMs(65_000).toISOString()} />);
    expect(screen.getByText('距开播 00:01:05')).toBeTruthy();
    act(() => jest.advanceTimersByTime(1000));
    expect(screen.getByText('距开播 00:01:04')).toBeTruthy();
    act(() => jest.advanceTimersByTime(64_000));
    expect(screen.getByText('即将开播')).toBeTruthy();
  });

  it('stops ticking while the page is hidden, and is right again the moment it shows', () => {
    render(<Countdown startsAt={inMs(65_000).toISOString()} />);
    act(() => taroMock.hide());
    expect(jest.getTimerCount()).toBe(0);
    act(() => jest.advanceTimersByTime(5000));
    expect(screen.getByText('距开播 00:01:05')).toBeTruthy();

    act(() => taroMock.show());
    expect(screen.getByText('距开播 00:01:00')).toBeTruthy();
    act(() => jest.advanceTimersByTime(1000));
    expect(screen.getByText('距开播 00:00:59')).toBeTruthy();
  });

  it('shows nothing when the start is more than a day away', () => {
    const { container } = render(<Countdown startsAt={inMs(30 * H).toISOString()} />);
    expect(container.textContent).toBe('');
  });
});
