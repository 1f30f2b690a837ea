import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';

/**
 * A QR code of `url` as a PNG `width` pixels wide. Drawn as SVG by `qrcode` and rasterised by resvg: qrcode's own
 * PNG writer is pure JavaScript and slow at poster sizes.
 */
export async function linkQrPng(url: string, width = 512): Promise<Buffer> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, width, errorCorrectionLevel: 'M' });
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render().asPng();
}
