/**
 * Remembers the URL the app was loaded with. Only H5 has URLs (`landing.h5.ts`); elsewhere this does nothing.
 * Call once at app start, before any client-side navigation.
 */
export function captureLanding(_win?: Window): void {}

/** The URL the page landed on, when known. */
export function landingUrl(): string | undefined {
  return undefined;
}
