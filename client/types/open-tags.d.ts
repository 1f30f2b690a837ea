import type { CSSProperties, ReactNode, Ref } from 'react';

/** WeChat's open tags for H5 pages: launching a mini program, asking for subscribe messages (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html). */
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
      /** The service account's subscribe-message (订阅通知) open tag; `template`: template ids, comma-separated. */
      'wx-open-subscribe': {
        ref?: Ref<HTMLElement>;
        class?: string;
        template: string;
        style?: CSSProperties;
        children?: ReactNode;
      };
    }
  }
}
