/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI from `--type`. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn' | undefined;
    /** Base URL of the BFF, substituted at build time by client/config/index.ts. */
    TARO_APP_BFF_URL?: string;
  }
}
