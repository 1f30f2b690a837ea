/**
 * A QR code of `text` as an SVG data URL. `qrcode` is loaded on first use, as its own chunk: only pages outside
 * WeChat draw one, so it never weighs on the first load.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { toString } = await import(/* webpackChunkName: "qrcode" */ 'qrcode');
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
