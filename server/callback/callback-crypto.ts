import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** Why a callback could not be opened. Stable strings, logged (never with the payload). */
export type CallbackCryptoFailure =
  'bad_signature' | 'bad_ciphertext' | 'bad_padding' | 'bad_length' | 'wrong_receiver';

export class CallbackCryptoError extends Error {
  override readonly name = 'CallbackCryptoError';
  constructor(readonly failure: CallbackCryptoFailure) {
    super(`callback refused: ${failure}`);
  }
}

/** WeCom pads to 32-byte blocks, not AES's 16 (node's automatic padding would accept or produce the wrong thing). */
const BLOCK = 32;

/** `msg_signature`: sha1 over token, timestamp, nonce and the encrypted text, sorted as strings and joined. */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** The 32-byte AES key of a 43-character EncodingAESKey (base64 without its trailing `=`). */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) throw new Error('EncodingAESKey must be 43 characters');
  return key;
}

/**
 * Opens one WeCom callback payload (the `echostr` of the URL check, or a message's `Encrypt`): the signature must
 * match (compared in constant time), the AES-256-CBC text must unpad exactly (a wrong pad byte is refused, not
 * stripped), the declared length must fit, and the receive id at the end must be our corp id. Returns the message.
 */
export function openCallback({
  token,
  aesKey,
  receiveId,
  signature,
  timestamp,
  nonce,
  encrypted,
}: {
  token: string;
  aesKey: Buffer;
  receiveId: string;
  signature: string;
  timestamp: string;
  nonce: string;
  encrypted: string;
}): string {
  const expected = Buffer.from(callbackSignature(token, timestamp, nonce, encrypted));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CallbackCryptoError('bad_signature');

  const cipherText = Buffer.from(encrypted, 'base64');
  if (cipherText.length === 0 || cipherText.length % BLOCK !== 0) throw new CallbackCryptoError('bad_ciphertext');
  const decipher = createDecipheriv('aes-256-cbc', aesKey, aesKey.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > BLOCK || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
    throw new CallbackCryptoError('bad_padding');
  }
  const plain = padded.subarray(0, padded.length - pad);
  // 16 random bytes, a 4-byte big-endian length, the message, the receive id.
  if (plain.length < 20) throw new CallbackCryptoError('bad_length');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new CallbackCryptoError('bad_length');
  const message = plain.subarray(20, 20 + length).toString('utf8');
  if (plain.subarray(20 + length).toString('utf8') !== receiveId) throw new CallbackCryptoError('wrong_receiver');
  return message;
}
