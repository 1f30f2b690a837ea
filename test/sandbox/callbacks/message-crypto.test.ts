import {
  callbackAesKey,
  callbackSignature,
  decryptCallbackMessage,
  encryptCallbackMessage,
  randomCallbackSecrets,
  randomEncodingAesKey,
} from '../../../sandbox';

// WeCom's published callback samples (weworkapi_php/callback/Sample.php and the other languages' samples).
const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const CORP_ID = 'wx5823bf96d3bd56c7';
const URL_CHECK = {
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const POST = {
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

describe('WeCom callback crypto (the sandbox side)', () => {
  it('turns the 43-character EncodingAESKey into a 32-byte AES key', () => {
    expect(callbackAesKey(AES_KEY)).toHaveLength(32);
    expect(() => callbackAesKey(AES_KEY.slice(1))).toThrow(RangeError);
  });

  describe("WeCom's published URL check", () => {
    it('signs (token, timestamp, nonce, echostr) to the published msg_signature', () => {
      const { msgSignature, timestamp, nonce, echostr } = URL_CHECK;
      expect(callbackSignature(TOKEN, timestamp, nonce, echostr)).toBe(msgSignature);
    });

    it('decrypts the echostr to 1616140317555161061 for the corp', () => {
      expect(decryptCallbackMessage(AES_KEY, URL_CHECK.echostr)).toMatchObject({
        message: '1616140317555161061',
        receiveId: CORP_ID,
      });
    });
  });

  describe("WeCom's published message", () => {
    it('signs to the published msg_signature and decrypts to the text message', () => {
      const { msgSignature, timestamp, nonce, encrypt } = POST;
      expect(callbackSignature(TOKEN, timestamp, nonce, encrypt)).toBe(msgSignature);
      const opened = decryptCallbackMessage(AES_KEY, encrypt);
      expect(opened.receiveId).toBe(CORP_ID);
      expect(opened.message).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>');
      expect(opened.message).toContain('<Content><![CDATA[hello]]></Content>');
    });

    it('encrypts byte for byte as WeCom did, given the same random prefix (so the 32-byte padding is right)', () => {
      const { message, random } = decryptCallbackMessage(AES_KEY, POST.encrypt);
      expect(encryptCallbackMessage(AES_KEY, message, CORP_ID, random)).toBe(POST.encrypt);
    });
  });

  it.each([
    ['ASCII', '<xml><Status>1</Status></xml>'],
    ['Chinese text', '<xml><Theme><![CDATA[季度全员大会]]></Theme></xml>'],
    ['an empty message', ''],
    ['whole blocks of plaintext (a full 32-byte pad)', 'x'.repeat(32 - 20 - CORP_ID.length + 32)],
  ])('round-trips %s with a fresh random prefix each time', (_name, message) => {
    const once = encryptCallbackMessage(AES_KEY, message, CORP_ID);
    const twice = encryptCallbackMessage(AES_KEY, message, CORP_ID);
    expect(once).not.toBe(twice);
    expect(Buffer.from(once, 'base64').length % 32).toBe(0);
    expect(decryptCallbackMessage(AES_KEY, once)).toMatchObject({ message, receiveId: CORP_ID });
  });

  it('refuses a ciphertext that is not whole 32-byte blocks, and one encrypted with another key', () => {
    const sealed = encryptCallbackMessage(AES_KEY, 'hello', CORP_ID);
    const sixteen = Buffer.from(sealed, 'base64').subarray(0, 16).toString('base64');
    expect(() => decryptCallbackMessage(AES_KEY, sixteen)).toThrow(RangeError);
    expect(() => decryptCallbackMessage(randomEncodingAesKey(), sealed)).toThrow(RangeError);
  });

  it('generates sandbox secrets WeCom would accept: a 43-letter-or-digit key of 32 bytes and a 32-character token', () => {
    for (let i = 0; i < 50; i++) {
      const { token, aesKey } = randomCallbackSecrets();
      expect(aesKey).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(callbackAesKey(aesKey)).toHaveLength(32);
      expect(Buffer.from(`${aesKey}=`, 'base64').toString('base64')).toBe(`${aesKey}=`);
      expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    }
    expect(randomEncodingAesKey()).not.toBe(randomEncodingAesKey());
  });
});
