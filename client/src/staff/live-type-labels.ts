import { LIVE_TYPES, type LiveType } from '../../../shared/live-card';

/** WeCom's live types as the console names them (its own words in the WeCom app). */
export const TYPE_LABEL: Record<LiveType, string> = {
  general: '通用直播',
  small_class: '小班课',
  large_class: '大班课',
  training: '企业培训',
  event: '活动直播',
};

/** The form's type select, in WeCom's order. */
export const LIVE_TYPE_OPTIONS = LIVE_TYPES.map((type) => ({ value: type, label: TYPE_LABEL[type] }));
