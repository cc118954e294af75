/**
 * A shape as it travels: the SDK's own type for it, with timestamps as the strings the protocol carries (RFC 3339
 * in the JSON protocols and in S3's and STS's XML) where the SDK hands callers a `Date`.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

/** `T` with the members in `K` always set: what this stack fills in, though the SDK's type leaves them optional. */
export type Having<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> }

/** A request shape before validation: the members the SDK would send, each of any type a client could put there. */
export type Unchecked<T> = { [K in keyof T]?: unknown }
