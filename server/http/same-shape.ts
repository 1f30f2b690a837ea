/**
 * `true` only when A and B are the same type, so `const x: SameShape<A, B> = true` fails to compile the moment a
 * zod schema and the shared type the client reads drift apart.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
