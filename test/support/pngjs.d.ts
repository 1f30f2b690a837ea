/** The little of pngjs (a dependency of qrcode) the tests use to read PNGs back: size and RGBA pixels. */
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
