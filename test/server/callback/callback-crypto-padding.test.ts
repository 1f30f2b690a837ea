import { createCipheriv, randomBytes } from 'node:crypto';
import {
  CallbackCryptoError,
  aesKeyOf,
  callbackSignature,
  openCallback,
} from '../../../server/callback/callback-crypto';

/**
 * The checks of `openCallback` one by one, each with a payload that only that check refuses: a payload our own
 * WeCom side seals (independent of the code under test) and then spoils in one way. Each must be refused for its
 * own reason; a check removed would let the payload through or refuse it for another reason.
 */
const TOKEN = 'QDG6eK';
const ENCODING_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const CORP = 'wx5823bf96d3bd56c7';
const key = aesKeyOf(ENCODING_AES_KEY);

/** AES-256-CBC with the key's first 16 bytes as IV, no padding of node's own: `plain` must be whole blocks. */
function encrypt(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** 16 random bytes, the 4-byte big-endian `declared` length (the message's by default), message, receive id. */
function body(message: string, receiveId = CORP, declared = Buffer.byteLength(message)): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declared);
  return Buffer.concat([randomBytes(16), length, Buffer.from(message), Buffer.from(receiveId)]);
}

/** `plain` padded WeCom's way (to 32-byte blocks, n bytes of n), then `spoil`ed. */
function padded(plain: Buffer, spoil: (pad: Buffer) => Buffer = (p) => p): Buffer {
  const n = 32 - (plain.length % 32);
  return Buffer.concat([plain, spoil(Buffer.alloc(n, n))]);
}

function open(encrypted: string, receiveId = CORP): string {
  return openCallback({
    token: TOKEN,
    aesKey: key,
    receiveId,
    signature: callbackSignature(TOKEN, '1700000000', '7', encrypted),
    timestamp: '1700000000',
    nonce: '7',
    encrypted,
  });
}

const refusal = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof CallbackCryptoError ? err.failure : `not a CallbackCryptoError: ${String(err)}`;
  }
  return undefined;
};

describe('WeCom callback crypto: every check refuses its own kind of bad payload', () => {
  it('opens a well-made payload (the baseline the others spoil)', () => {
    expect(open(encrypt(padded(body('<xml>ok</xml>'))))).toBe('<xml>ok</xml>');
  });

  it('refuses a pad whose last byte is right but an earlier pad byte is not', () => {
    const message = '<xml>a</xml>'; // 16 + 4 + 12 + 18 = 50 bytes: 14 bytes of pad
    const spoilt = padded(body(message), (pad) => {
      expect(pad.length).toBeGreaterThan(2);
      pad[0] = 0;
      return pad;
    });
    expect(refusal(() => open(encrypt(spoilt)))).toBe('bad_padding');
  });

  it('refuses a pad with only its first byte right', () => {
    const spoilt = padded(body('<xml>a</xml>'), (pad) => {
      const n = pad.length;
      pad.fill(0);
      pad[0] = n;
      pad[n - 1] = n;
      return pad;
    });
    expect(refusal(() => open(encrypt(spoilt)))).toBe('bad_padding');
  });

  it('refuses a pad byte of 0 and one above 32, even when that many bytes agree', () => {
    expect(refusal(() => open(encrypt(padded(body('<xml/>'), (pad) => pad.fill(0)))))).toBe('bad_padding');
    // A well-formed body of whole blocks, then 64 bytes of 64: stripping 64 bytes would leave a message that opens,
    // but no WeCom block is 64 bytes long.
    const message = '<xml>x</xml>';
    const receiveId = CORP + 'x'.repeat(32 - (body(message).length % 32));
    const plain = body(message, receiveId);
    expect(plain.length % 32).toBe(0);
    expect(refusal(() => open(encrypt(Buffer.concat([plain, Buffer.alloc(64, 64)])), receiveId))).toBe('bad_padding');
  });

  it('accepts a whole 32-byte block of padding (32 bytes of 32)', () => {
    const message = '<xml>y</xml>';
    const head = body(message, CORP);
    const receiveId = CORP + 'z'.repeat(32 - (head.length % 32));
    const plain = body(message, receiveId);
    expect(plain.length % 32).toBe(0);
    expect(open(encrypt(Buffer.concat([plain, Buffer.alloc(32, 32)])), receiveId)).toBe(message);
  });

  it('refuses an empty text, and one of whole AES blocks that are not whole WeCom blocks', () => {
    expect(refusal(() => open(''))).toBe('bad_ciphertext');
    expect(refusal(() => open(encrypt(randomBytes(48))))).toBe('bad_ciphertext');
    expect(refusal(() => open(encrypt(randomBytes(16))))).toBe('bad_ciphertext');
  });

  it('refuses a text too short to hold the random bytes and the length', () => {
    // 19 bytes of content, 13 bytes of pad: one block.
    expect(refusal(() => open(encrypt(padded(randomBytes(19)))))).toBe('bad_length');
    // Nothing but padding.
    expect(refusal(() => open(encrypt(Buffer.alloc(32, 32))))).toBe('bad_length');
  });

  it('refuses a declared length beyond the text, and reads exactly the declared length', () => {
    expect(refusal(() => open(encrypt(padded(body('<xml/>', CORP, 1000)))))).toBe('bad_length');
    // Declared one byte beyond message + receive id: too long by one.
    const tooLong = body('<xml/>', CORP, Buffer.byteLength('<xml/>') + CORP.length + 1);
    expect(refusal(() => open(encrypt(padded(tooLong))))).toBe('bad_length');
    // Declared exactly to the end: a message with no receive id after it, which is not ours.
    const noReceiver = body('<xml/>', CORP, Buffer.byteLength('<xml/>') + CORP.length);
    expect(refusal(() => open(encrypt(padded(noReceiver))))).toBe('wrong_receiver');
    // Exactly 20 bytes: an empty message and no receive id.
    expect(refusal(() => open(encrypt(padded(body('', ''))), CORP))).toBe('wrong_receiver');
  });

  it('keeps a message and a receive id apart by the declared length, bytes not characters', () => {
    const message = '<xml>直播</xml>';
    expect(open(encrypt(padded(body(message))))).toBe(message);
    // The receive id must be exactly ours: a longer or shorter one is another corp's.
    expect(refusal(() => open(encrypt(padded(body(message, `${CORP}0`)))))).toBe('wrong_receiver');
    expect(refusal(() => open(encrypt(padded(body(message, CORP.slice(1))))))).toBe('wrong_receiver');
  });

  it('refuses a signature that differs only in its last character, or its case', () => {
    const encrypted = encrypt(padded(body('<xml/>')));
    const good = callbackSignature(TOKEN, '1700000000', '7', encrypted);
    const tweak = (signature: string) =>
      refusal(() =>
        openCallback({
          token: TOKEN,
          aesKey: key,
          receiveId: CORP,
          signature,
          timestamp: '1700000000',
          nonce: '7',
          encrypted,
        }),
      );
    expect(tweak(good)).toBeUndefined();
    expect(tweak(`${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`)).toBe('bad_signature');
    expect(tweak(good.toUpperCase())).toBe(good === good.toUpperCase() ? undefined : 'bad_signature');
    expect(tweak(`${good}0`)).toBe('bad_signature');
    expect(tweak('')).toBe('bad_signature');
  });

  it('signs over the four values sorted as strings, so their order in the call does not matter', () => {
    const a = callbackSignature('b-token', '1', 'c-nonce', 'a-text');
    expect(callbackSignature('a-text', 'c-nonce', '1', 'b-token')).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(callbackSignature('b-token', '2', 'c-nonce', 'a-text')).not.toBe(a);
  });
});

describe('CallbackCryptoError', () => {
  it('names itself and its failure (what the refusal log line carries)', () => {
    const err = new CallbackCryptoError('bad_padding');
    expect(err).toBeInstanceOf(Error);
    expect([err.name, err.message, err.failure]).toEqual([
      'CallbackCryptoError',
      'callback refused: bad_padding',
      'bad_padding',
    ]);
  });
});

describe('aesKeyOf', () => {
  it('takes exactly 43 base64 characters that make 32 bytes', () => {
    expect(aesKeyOf(ENCODING_AES_KEY)).toHaveLength(32);
    expect(() => aesKeyOf(ENCODING_AES_KEY.slice(1))).toThrow('EncodingAESKey must be 43 characters');
    // 44 characters, one of them not base64 (ignored by the decoder): still 32 bytes, still refused.
    expect(() => aesKeyOf(`${ENCODING_AES_KEY}!`)).toThrow('EncodingAESKey must be 43 characters');
    // 43 characters, none of them base64: no key at all.
    expect(() => aesKeyOf('!'.repeat(43))).toThrow('EncodingAESKey must be 43 characters');
  });
});
