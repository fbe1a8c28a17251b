/**
 * Type-checked by `npm run check`: the plain types of @hotdata-effect/client against
 * what core's Promise client and the Promise facades of uploads and arrow declare. The
 * models are checked in generated/schemas.check.ts; here the methods, the options and
 * the shapes of events and errors. Options that take Effect values in the Effect API
 * (a `Schedule`, a `Duration`) are narrower here, so the plain options are checked to
 * be accepted by the SDK's functions (assignable), and what those functions answer is
 * checked to be the plain answer.
 */
import type * as ArrowQuery from "@hotdata-effect/arrow/ArrowQuery"
import type * as ArrowResults from "@hotdata-effect/arrow/ArrowResults"
import type * as Export from "@hotdata-effect/arrow/Export"
import type * as ArrowPromise from "@hotdata-effect/arrow/promise"
import type * as Groups from "@hotdata-effect/core/generated/Groups"
import type * as HotdataError from "@hotdata-effect/core/HotdataError"
import type * as PromiseClient from "@hotdata-effect/core/PromiseClient"
import type * as Query from "@hotdata-effect/core/Query"
import type * as CoreRetryPolicy from "@hotdata-effect/core/RetryPolicy"
import type * as UploadsPromise from "@hotdata-effect/uploads/promise"
import type * as UploadError from "@hotdata-effect/uploads/UploadError"
import type * as UploadEvent from "@hotdata-effect/uploads/UploadEvent"
import type * as Effect from "effect/Effect"
import type * as Plain from "../src/index.js"
import type { Assert, AssertNever, Equals, Extends } from "./equals.js"

type PlainGroups = Plain.Operations.Groups
type CoreGroups = Groups.Groups

/** Each method of each group whose parameters (before the call options) or answer differ. */
type MethodMismatches = {
  [G in keyof PlainGroups & keyof CoreGroups]: {
    [M in keyof PlainGroups[G] & keyof CoreGroups[G]]: PlainGroups[G][M] extends (...args: infer P) => infer R
      ? CoreGroups[G][M] extends (...args: infer CP) => any
        ? Equals<P, [...CP, callOptions?: Plain.CallOptions | undefined]> extends true
          ? Equals<R, ReturnType<PromiseClient.PromiseGroups[G][M & keyof PromiseClient.PromiseGroups[G]]>> extends true
            ? never
          : `${G & string}.${M & string}: answer`
        : `${G & string}.${M & string}: parameters`
      : never
      : never
  }[keyof PlainGroups[G] & keyof CoreGroups[G]]
}[keyof PlainGroups & keyof CoreGroups]

/** Methods present on one side only. */
type MissingMethods = {
  [G in keyof PlainGroups | keyof CoreGroups]: G extends keyof PlainGroups & keyof CoreGroups
    ? Exclude<keyof PlainGroups[G], keyof CoreGroups[G]> | Exclude<keyof CoreGroups[G], keyof PlainGroups[G]>
    : G
}[keyof PlainGroups | keyof CoreGroups]

/** The parameters after the client. */
type Rest<F> = F extends (client: any, ...rest: infer R) => any ? R : never

/** Each function of the facades whose plain parameters core's does not take, or whose answer is not the plain one. */
type FacadeMismatches = {
  [K in keyof Facades]: Extends<Rest<(typeof Plain)[K]>, Rest<Facades[K]>> extends true
    ? Extends<ReturnType<Facades[K]>, ReturnType<(typeof Plain)[K]>> extends true ? never
    : `${K}: answer`
    : `${K}: parameters`
}[keyof Facades]

type Facades = {
  readonly uploadFile: typeof UploadsPromise.uploadFile
  readonly upload: typeof UploadsPromise.upload
  readonly loadFile: typeof UploadsPromise.loadFile
  readonly queryBatches: typeof ArrowPromise.queryBatches
  readonly queryTable: typeof ArrowPromise.queryTable
  readonly resultBatches: typeof ArrowPromise.resultBatches
  readonly resultTable: typeof ArrowPromise.resultTable
  readonly exportToFile: typeof ArrowPromise.exportToFile
}

/** The functions of the promise modules that the client package does not export. */
type UnexportedFacades = Exclude<
  keyof typeof UploadsPromise | keyof typeof ArrowPromise,
  keyof typeof Plain
>

export type Checked = [
  // Every function of the promise modules of uploads and arrow, with parameters core's takes.
  AssertNever<FacadeMismatches>,
  AssertNever<UnexportedFacades>,
  // Every operation, with the same parameters and answer as core's.
  AssertNever<MethodMismatches>,
  AssertNever<MissingMethods>,
  // The whole client: core's is a plain client.
  Assert<Extends<PromiseClient.HotdataPromiseClient, Plain.HotdataClient>>,
  Assert<Equals<keyof Plain.HotdataClient, Exclude<keyof PromiseClient.HotdataPromiseClient, never>>>,
  // Settings: what the plain types allow, core takes (the retry policy is opaque here).
  Assert<Extends<Plain.CallOptions, PromiseClient.CallOptions>>,
  Assert<Equals<keyof Plain.CallOptions, keyof PromiseClient.CallOptions>>,
  Assert<Extends<Omit<Plain.Options, "retryPolicy">, PromiseClient.Options>>,
  Assert<Equals<keyof Plain.Options, keyof PromiseClient.Options>>,
  Assert<Extends<Plain.RetryPolicyOptions, CoreRetryPolicy.Options>>,
  Assert<Equals<keyof Plain.RetryPolicyOptions, keyof CoreRetryPolicy.Options>>,
  Assert<Extends<Plain.QueryOptions, Query.Options>>,
  Assert<Equals<keyof Plain.QueryOptions, keyof Query.Options>>,
  Assert<Equals<Plain.QueryResult, Query.QueryResult>>,
  Assert<Equals<Plain.SubmitAnswer, Query.SubmitAnswer>>,
  Assert<Equals<Plain.SubmitOptions, Query.SubmitOptions>>,
  Assert<Equals<Plain.FetchAllResult, Effect.Effect.Success<ReturnType<typeof Query.fetchAll>>>>,
  Assert<Equals<Omit<Plain.CallOptions, "timeout">, Omit<PromiseClient.CallOptions, "timeout">>>,
  Assert<Extends<Plain.FetchAllOptions, Parameters<typeof Query.fetchAll>[1]>>,
  Assert<
    Equals<
      Plain.ResponseInfo,
      PromiseClient.HotdataPromiseClient["withResponse"]["databases"]["get"] extends
        (...args: any) => Promise<{ readonly response: infer I }> ? I : never
    >
  >,
  // Uploads.
  Assert<Extends<Plain.UploadOptions, UploadsPromise.UploadOptions>>,
  Assert<Equals<keyof Plain.UploadOptions, Exclude<keyof UploadsPromise.UploadOptions, "partRetry" | "rounds">>>,
  Assert<Extends<Plain.LoadOptions, UploadsPromise.LoadOptions>>,
  Assert<Equals<keyof Plain.LoadOptions, keyof UploadsPromise.LoadOptions>>,
  Assert<Extends<Plain.Source, UploadsPromise.Source>>,
  Assert<Extends<UploadsPromise.Source, Plain.Source>>,
  Assert<Equals<Plain.Progress, UploadEvent.Progress>>,
  Assert<Extends<UploadEvent.UploadEvent, Plain.UploadEvent>>,
  Assert<Equals<Plain.UploadEvent["_tag"], UploadEvent.UploadEvent["_tag"]>>,
  Assert<Extends<UploadError.RetryableError, Plain.RetryableError>>,
  Assert<Equals<Plain.RetryableError["_tag"], UploadError.RetryableError["_tag"]>>,
  Assert<
    Equals<
      Awaited<ReturnType<typeof Plain.uploadFile>>,
      Awaited<ReturnType<typeof UploadsPromise.uploadFile>>
    >
  >,
  Assert<Equals<Awaited<ReturnType<typeof Plain.loadFile>>, Awaited<ReturnType<typeof UploadsPromise.loadFile>>>>,
  // Arrow.
  Assert<Extends<Plain.ArrowQueryOptions, ArrowQuery.Options>>,
  Assert<Equals<keyof Plain.ArrowQueryOptions, keyof ArrowQuery.Options>>,
  Assert<Extends<Plain.ResultOptions, ArrowResults.Options>>,
  Assert<Equals<keyof Plain.ResultOptions, keyof ArrowResults.Options>>,
  Assert<Extends<Plain.ExportOptions, Export.Options>>,
  Assert<Equals<Plain.Written, Export.Written>>,
  Assert<Equals<ReturnType<typeof Plain.queryBatches>, ReturnType<typeof ArrowPromise.queryBatches>>>,
  Assert<Equals<ReturnType<typeof Plain.queryTable>, ReturnType<typeof ArrowPromise.queryTable>>>,
  Assert<Equals<ReturnType<typeof Plain.exportToFile>, ReturnType<typeof ArrowPromise.exportToFile>>>,
  // Errors: every error the SDK throws has the plain error's shape.
  Assert<Extends<HotdataError.HotdataError, Plain.HotdataPromiseError>>,
  Assert<Extends<HotdataError.InvalidConfig, Plain.HotdataPromiseError>>,
  Assert<Extends<UploadError.UploadError, Plain.HotdataPromiseError>>,
  Assert<Extends<PromiseClient.HotdataPromiseError, Plain.HotdataPromiseError>>
]
