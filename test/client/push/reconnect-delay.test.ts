import {
  disconnectKind,
  reconnectDelay,
  REFUSED_MAX_MS,
  type DisconnectKind,
} from '../../../client/src/push/reconnect-delay';

describe('reconnect delay', () => {
  it.each([
    ['dropped', 1, 1000],
    ['dropped', 2, 2000],
    ['dropped', 6, 32_000],
    ['dropped', 7, 60_000],
    ['dropped', 30, 60_000],
    ['refused', 1, 1000],
    ['refused', 8, 128_000],
    ['refused', 9, 256_000],
    ['refused', 10, REFUSED_MAX_MS],
    ['refused', 1000, REFUSED_MAX_MS],
    ['told-off', 1, REFUSED_MAX_MS],
  ] as [DisconnectKind, number, number][])('%s, failure %d → at most %d ms', (kind, failures, ms) => {
    expect(reconnectDelay(kind, failures, () => 1)).toBe(ms);
    expect(reconnectDelay(kind, failures, () => 0)).toBe(ms / 2);
  });

  it.each([
    [{ opened: true, code: 1006 }, 'dropped'],
    [{ opened: true, code: 1001 }, 'dropped'],
    [{ opened: true, code: 1009 }, 'dropped'],
    [{ opened: true, code: 1008 }, 'told-off'],
    [{ opened: true, code: 1013 }, 'told-off'],
    [{ opened: false, code: 1006 }, 'refused'],
    [{ opened: false }, 'refused'],
    [{ opened: false, errMsg: 'connectSocket:fail' }, 'refused'],
    [{ opened: false, errMsg: 'Error during WebSocket handshake: Unexpected response code: 404' }, 'told-off'],
    [{ opened: false, errMsg: "Expected HTTP 101 response but was '429 Too Many Requests'" }, 'told-off'],
    [{ opened: false, errMsg: 'failed: 502' }, 'told-off'],
  ] as const)('%j is %s', (info, kind) => {
    expect(disconnectKind(info)).toBe(kind);
  });
});
