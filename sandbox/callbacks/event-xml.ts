import type { LivingStatus } from '../wecom/living/living-info';

/** One `living_status_change` as WeCom words it (docs 94145), before encryption. */
export interface LivingStatusChange {
  livingId: string;
  status: LivingStatus;
  /** The anchor (`FromUserName`). */
  anchorUserId: string;
  /** Unix seconds when the status changed (`CreateTime`). */
  createTime: number;
}

/** CDATA cannot hold `]]>`; split it across two sections, as XML writers do. */
function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The decrypted event, field for field and in the order of WeCom's sample (CreateTime, Status, AgentID bare). */
export function livingStatusChangeXml(event: LivingStatusChange, corpId: string, agentId: string): string {
  return (
    `<xml><ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata(event.anchorUserId)}</FromUserName>` +
    `<CreateTime>${event.createTime}</CreateTime><MsgType>${cdata('event')}</MsgType>` +
    `<Event>${cdata('living_status_change')}</Event><LivingId>${cdata(event.livingId)}</LivingId>` +
    `<Status>${event.status}</Status><AgentID>${agentId}</AgentID></xml>`
  );
}

/** The POST body around an encrypted message; the envelope's AgentID is CDATA, unlike the inner one. */
export function callbackEnvelopeXml(encrypted: string, corpId: string, agentId: string): string {
  return `<xml><ToUserName>${cdata(corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata(agentId)}</AgentID></xml>`;
}
