import { createCipheriv, randomBytes } from 'node:crypto';
import {
  CallbackCryptoError,
  aesKeyOf,
  callbackSignature,
  openCallback,
} from '../../../server/callback/callback-crypto';

/** WeCom's published callback sample (weworkapi callback Sample): token, key, corp id and a URL check. */
const SAMPLE = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};

/** Our own WeCom side, independent of the code under test: pads to 32-byte blocks as WeCom does. */
function seal(message: string, receiveId: string, key: Buffer, { pad }: { pad?: (n: number) => Buffer } = {}) {
  const body = Buffer.concat([randomBytes(16), Buffer.alloc(4), Buffer.from(message), Buffer.from(receiveId)]);
  body.writeUInt32BE(Buffer.byteLength(message), 16);
  const n = 32 - (body.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([body, pad ? pad(n) : Buffer.alloc(n, n)])),
    cipher.final(),
  ]).toString('base64');
}

describe('WeCom callback crypto', () => {
  const key = aesKeyOf(SAMPLE.encodingAesKey);
  const open = (overrides: Partial<Parameters<typeof openCallback>[0]> = {}) =>
    openCallback({
      token: SAMPLE.token,
      aesKey: key,
      receiveId: SAMPLE.corpId,
      signature: SAMPLE.signature,
      timestamp: SAMPLE.timestamp,
      nonce: SAMPLE.nonce,
      encrypted: SAMPLE.echostr,
      ...overrides,
    });

  it("opens WeCom's published URL-verification sample", () => {
    expect(callbackSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.echostr)).toBe(SAMPLE.signature);
    expect(open()).toBe('1616140317555161061');
  });

  it('opens a message of its own making, whatever its length (every padding from 1 to 32)', () => {
    for (let n = 0; n < 40; n++) {
      const message = `<xml><Event>living_status_change</Event>${'x'.repeat(n)}</xml>`;
      const encrypted = seal(message, SAMPLE.corpId, key);
      const signature = callbackSignature(SAMPLE.token, '1700000000', '42', encrypted);
      expect(open({ encrypted, signature, timestamp: '1700000000', nonce: '42' })).toBe(message);
    }
  });

  it.each([
    ['a forged signature', { signature: '0'.repeat(40) }, 'bad_signature'],
    ['a signature of another length', { signature: 'abc' }, 'bad_signature'],
    ['another timestamp than signed', { timestamp: '1409659590' }, 'bad_signature'],
    ['another receiver (corp id)', { receiveId: 'wwSomeoneElse' }, 'wrong_receiver'],
  ] as const)('refuses %s', (_name, overrides, failure) => {
    expect(() => open(overrides)).toThrow(new CallbackCryptoError(failure));
  });

  it('refuses a bad pad byte instead of stripping it, and a text that is not whole blocks', () => {
    const badPad = seal('<xml/>', SAMPLE.corpId, key, { pad: (n) => Buffer.alloc(n, 0) });
    const sign = (encrypted: string) => callbackSignature(SAMPLE.token, 't', 'n', encrypted);
    expect(() => open({ encrypted: badPad, signature: sign(badPad), timestamp: 't', nonce: 'n' })).toThrow(
      new CallbackCryptoError('bad_padding'),
    );
    const short = Buffer.from('short').toString('base64');
    expect(() => open({ encrypted: short, signature: sign(short), timestamp: 't', nonce: 'n' })).toThrow(
      new CallbackCryptoError('bad_ciphertext'),
    );
  });
});
