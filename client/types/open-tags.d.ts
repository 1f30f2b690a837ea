import type { CSSProperties, ReactNode, Ref } from 'react';

/** WeChat's open tag for launching a mini program from an H5 page (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html). */
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'wx-open-launch-weapp': {
        ref?: Ref<HTMLElement>;
        /** Custom elements get `class`, not `className` (React would write a literal `classname` attribute). */
        class?: string;
        username: string;
        path: string;
        'env-version'?: 'release' | 'trial' | 'develop';
        extinfo?: string;
        style?: CSSProperties;
        children?: ReactNode;
      };
    }
  }
}
