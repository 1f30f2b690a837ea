/** A member of the corp who watched, as `stat_info.users[]` lists them (numbers as in WeCom's JSON). */
export interface WatchStatUser {
  userid: string;
  /** Seconds watched. */
  watch_time: number;
  /** 1 when they commented, else 0. */
  is_comment: number;
  /** 1 when they spoke on the mic, else 0. */
  is_mic: number;
  /** The member who shared the card or QR code the viewer first came in through. */
  invitor_userid?: string;
  /** The external person who shared it, when not a member. */
  invitor_external_userid?: string;
}

/** Someone outside the corp who watched, as `stat_info.external_users[]` lists them. */
export interface WatchStatExternalUser {
  external_userid: string;
  /** 1: a WeChat user; 2: a WeCom user of another corp. */
  type: number;
  name: string;
  watch_time: number;
  /** 1 when they commented, else 0. */
  is_comment: number;
  /** 1 when they spoke on the mic, else 0. */
  is_mic: number;
  invitor_userid?: string;
  invitor_external_userid?: string;
}

/** Everyone who watched one live: members first, then external people, in the order get_watch_stat pages them. */
export interface WatchStat {
  users: WatchStatUser[];
  externalUsers: WatchStatExternalUser[];
}
