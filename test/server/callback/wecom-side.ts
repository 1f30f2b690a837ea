import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** The test's own WeCom: seals and signs callbacks the way WeCom documents, independent of the code under test. */
export function wecomSide({
  token,
  encodingAesKey,
  corpId,
}: {
  token: string;
  encodingAesKey: string;
  corpId: string;
}) {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const seal = (message: string, receiveId = corpId) => {
    const body = Buffer.concat([randomBytes(16), Buffer.alloc(4), Buffer.from(message), Buffer.from(receiveId)]);
    body.writeUInt32BE(Buffer.byteLength(message), 16);
    const n = 32 - (body.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(n, n)])), cipher.final()]).toString('base64');
  };
  const sign = (timestamp: string, nonce: string, encrypted: string) =>
    createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
  const event = ({
    livingId,
    status,
    createTime,
    to = corpId,
  }: {
    livingId: string;
    status: number;
    createTime: number;
    to?: string;
  }) =>
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[zhangwei]]></FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
    `<Event><![CDATA[living_status_change]]></Event><LivingId><![CDATA[${livingId}]]></LivingId>` +
    `<Status>${status}</Status><AgentID>1000002</AgentID></xml>`;
  /** A POST as WeCom sends it: the query and the XML envelope. */
  const delivery = (
    message: string,
    { timestamp = String(Math.floor(Date.now() / 1000)), receiveId = corpId } = {},
  ) => {
    const encrypted = seal(message, receiveId);
    const nonce = String(Math.floor(Math.random() * 1e9));
    return {
      query: { msg_signature: sign(timestamp, nonce, encrypted), timestamp, nonce },
      body: `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
    };
  };
  return { seal, sign, event, delivery };
}
