/** The shared store could not be used for an operation (connection down, command timed out): not the work's fault. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`shared store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A shared-store command whose failure (Redis away, timed out) rejects as `StoreUnavailableError`. */
export async function storeCommand<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (err) {
    throw new StoreUnavailableError(err);
  }
}
