/**
 * Where an open tag goes: exactly over its `position: relative` button. A flex parent can squeeze a tag to zero
 * width, so it is placed absolutely rather than laid out (WeChat's open-tag documentation).
 */
export const OPEN_TAG_COVER = {
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: '100%',
  display: 'block',
  overflow: 'hidden',
  zIndex: 2,
} as const;
