/**
 * What the live socket needs of a WebSocket, one listener per event as Taro's `SocketTask` has them. The platform's
 * `connect-socket(.h5).ts` adapts `Taro.connectSocket`; tests pass a fake.
 */
export interface PushSocket {
  send(data: string): void;
  close(): void;
  onOpen(listener: () => void): void;
  onMessage(listener: (data: unknown) => void): void;
  /** `code` as the server closed with; 1006 when the connection was lost (or the platform cannot tell). */
  onClose(listener: (event: { code: number }) => void): void;
  /** `errMsg`, when the platform gives one, may name the HTTP status of a refused upgrade (mini program). */
  onError(listener: (event: { errMsg?: string }) => void): void;
}

/** Opens a socket to `url`; rejects when the platform refuses to even try (bad URL, unregistered domain). */
export type ConnectSocket = (url: string) => Promise<PushSocket>;
