/**
 * The methods a Promise client has beside its operation groups (query and wait helpers,
 * `dispose`), declared once for every Promise client. The types they take and answer are
 * parameters ({@link HelperTypes}): the Effect API's in `@hotdata-effect/core`, plain ones
 * in `@hotdata-effect/client`.
 *
 * @since 0.1.0
 */

/**
 * The types the helpers of a Promise client take and answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface HelperTypes {
  /** The per-call options every method takes last. */
  readonly callOptions: unknown
  /** How to wait for background work. */
  readonly polling: unknown
  readonly queryOptions: unknown
  readonly queryResult: unknown
  readonly submitOptions: unknown
  readonly submitAnswer: unknown
  readonly fetchAllOptions: unknown
  readonly fetchAllResult: unknown
  /** The contract's `QueryRunInfo`. */
  readonly queryRun: unknown
  /** The contract's `JobStatusResponse`. */
  readonly job: unknown
  /** The contract's `GetResultResponse`. */
  readonly result: unknown
}

/**
 * The query and wait helpers of a Promise client, and `dispose`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Helpers<T extends HelperTypes> {
  /** Query helpers (see the `Query` module of `@hotdata-effect/core`). */
  readonly sql: {
    /** Runs SQL and returns every row (`Query.run`). */
    readonly run: (sql: string, options: T["queryOptions"], callOptions?: T["callOptions"]) => Promise<T["queryResult"]>
    /** Runs SQL and decodes each row with `decode` (a `runAs` for code without Schema); a throw rejects. */
    readonly runAs: <A>(
      sql: string,
      options: T["queryOptions"],
      decode: (row: Record<string, unknown>) => A,
      callOptions?: T["callOptions"]
    ) => Promise<ReadonlyArray<A>>
    /** Submits SQL without waiting for rows (`Query.submit`). */
    readonly submit: (
      sql: string,
      options: T["submitOptions"],
      callOptions?: T["callOptions"]
    ) => Promise<T["submitAnswer"]>
    /** Every row of a ready result (`Query.fetchAll`). */
    readonly fetchAll: (
      resultId: string,
      options: T["fetchAllOptions"],
      callOptions?: T["callOptions"]
    ) => Promise<T["fetchAllResult"]>
  }
  /** Waiting for background work (see the `Polling` module of `@hotdata-effect/core`). */
  readonly wait: {
    readonly queryRun: (
      id: string,
      options: T["polling"] & { readonly databaseId: string },
      callOptions?: T["callOptions"]
    ) => Promise<T["queryRun"]>
    readonly job: (id: string, options?: T["polling"], callOptions?: T["callOptions"]) => Promise<T["job"]>
    readonly result: (
      id: string,
      options: T["polling"] & { readonly databaseId: string },
      callOptions?: T["callOptions"]
    ) => Promise<T["result"]>
  }
  /** Runs SQL and returns every row. Same as `sql.run`. */
  readonly runQuery: (
    sql: string,
    options: T["queryOptions"],
    callOptions?: T["callOptions"]
  ) => Promise<T["queryResult"]>
  /** Aborts every call and iteration in flight and releases the client's resources. Later calls reject. */
  readonly dispose: () => Promise<void>
}
