/**
 * How a shared store carries an error from the instance that ran a flight to the instances that waited for it:
 * as plain data, turned back into the error type the callers match on. The wiring passes the BFF's own codec
 * (`errors/error-codec.ts`); the store itself knows no error types.
 */
export interface ErrorCodec {
  encode(err: unknown): unknown;
  decode(data: unknown): Error;
}

/** Keeps the message only: enough for a store used outside the BFF (tests, benches). */
export const plainErrorCodec: ErrorCodec = {
  encode: (err) => ({ message: err instanceof Error ? err.message : String(err) }),
  decode: (data) => new Error((data as { message?: string } | null)?.message ?? 'flight failed'),
};
