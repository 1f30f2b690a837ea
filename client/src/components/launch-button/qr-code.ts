/** `qrcode`, as its own chunk: only pages outside WeChat draw a QR code, so it never weighs on anyone else. */
export const loadQrCodeLibrary = () => import(/* webpackChunkName: "qrcode" */ 'qrcode');

/** A QR code of `text` as an SVG data URL; the library is loaded on first use. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { toString } = await loadQrCodeLibrary();
  const svg = await toString(text, QR_OPTIONS);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Medium error correction (scans from a screen at an angle), a two-module quiet zone, the app's ink colour. */
export const QR_OPTIONS = {
  type: 'svg',
  errorCorrectionLevel: 'M',
  margin: 2,
  color: { dark: '#1d2129', light: '#ffffff' },
} as const;
