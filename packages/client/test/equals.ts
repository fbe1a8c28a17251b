/**
 * Type-level assertions for the contract checks of the plain types.
 */

/** `true` when `A` and `B` are the same type (not merely assignable to each other), else `false`. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false

/** `true` when `A` is assignable to `B`. */
export type Extends<A, B> = [A] extends [B] ? true : false

/** Compiles only when `T` is `true`. */
export type Assert<T extends true> = T

/** Compiles only when `T` is `never`; otherwise the error names what `T` holds. */
export type AssertNever<T extends never> = T
