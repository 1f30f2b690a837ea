import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeCom's callback crypto (接收消息与事件 / 加解密方案), WeCom's side of it: what the platform does to a message
 * before it POSTs it to an app, and the reverse for tests. Written from the published scheme with node:crypto, not
 * taken from the BFF, so the BFF's own implementation is checked against an independent one.
 *
 * WeCom pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16, so padding is done by hand: node's automatic
 * padding would produce ciphertexts WeCom never sends and accept pads WeCom never writes.
 */
const BLOCK = 32;

/** The 32-byte AES key of a 43-character EncodingAESKey: base64 without its trailing `=`. */
export function callbackAesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) {
    throw new RangeError('sandbox: an EncodingAESKey is 43 base64 characters (32 bytes)');
  }
  return key;
}

/** `msg_signature`: sha1 over the token, timestamp, nonce and encrypted text, sorted as strings and joined. */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/**
 * Encrypts one message the way WeCom does: 16 random bytes, the message's byte length (4 bytes, big-endian), the
 * message, the receive id (the corp id); PKCS#7 to 32 bytes; AES-256-CBC with the key's first 16 bytes as IV;
 * base64. `random` is for reproducible tests only.
 */
export function encryptCallbackMessage(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  if (random.length !== 16) throw new RangeError('sandbox: the random prefix is 16 bytes');
  const key = callbackAesKey(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}

export interface OpenedCallbackMessage {
  message: string;
  /** What followed the message: the corp id for a corp's own app. The caller compares it. */
  receiveId: string;
  random: Buffer;
}

/**
 * The reverse of {@link encryptCallbackMessage}, for tests and the URL check. Strict where WeCom's format is: the
 * ciphertext is whole 32-byte blocks, the pad is 1–32 bytes all equal to its length, the declared length fits.
 * Throws a RangeError otherwise.
 */
export function decryptCallbackMessage(encodingAesKey: string, encrypted: string): OpenedCallbackMessage {
  const key = callbackAesKey(encodingAesKey);
  const cipherText = Buffer.from(encrypted, 'base64');
  if (cipherText.length === 0 || cipherText.length % BLOCK !== 0) {
    throw new RangeError('sandbox: the ciphertext is not whole 32-byte blocks');
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
    throw new RangeError('sandbox: bad PKCS#7 padding');
  }
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new RangeError('sandbox: the plaintext is too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new RangeError('sandbox: the declared length does not fit');
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    receiveId: plain.subarray(20 + length).toString('utf8'),
    random: Buffer.from(plain.subarray(0, 16)),
  };
}
