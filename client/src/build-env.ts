/**
 * Settings fixed at build time (see `client/config/index.ts`). Taro replaces the exact expression
 * `process.env.TARO_APP_BFF_URL` with a string literal, so it must be written out like this and never destructured.
 * This is the only client file that mentions `process.env`.
 */

/** Base URL of the BFF without a trailing slash; `''` means same origin (the H5 build served by the BFF). */
export const BFF_BASE_URL: string = process.env.TARO_APP_BFF_URL ?? '';
