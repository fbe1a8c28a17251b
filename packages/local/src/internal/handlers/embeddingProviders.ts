import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { HandlerSet, RequestContext } from "../context.js"
import { checkName } from "../domain/requests.js"
import { secretKey } from "../domain/secrets.js"
import { badRequest, conflict, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import type { EmbeddingProviderRecord } from "../state.js"

const PROVIDER_TYPE = /^[a-z][a-z0-9_-]{0,63}$/

/** The provider as answered: whether it has a key, never the key. */
const view = (provider: EmbeddingProviderRecord): Schemas.EmbeddingProviderResponse => ({
  id: provider.id,
  name: provider.name,
  provider_type: provider.provider_type,
  config: provider.config,
  has_secret: provider.secret_name !== null,
  source: "user",
  created_at: provider.created_at,
  updated_at: provider.updated_at
})

const getProvider = (ctx: RequestContext, id: string): EmbeddingProviderRecord => {
  const provider = ctx.server.state.data.embeddingProviders[id]
  if (provider === undefined || provider.workspace !== ctx.workspace) {
    throw notFound(`embedding provider ${id} not found`)
  }
  return provider
}

const checkProviderName = (ctx: RequestContext, name: string, self?: string): string => {
  checkName(name, "name")
  const taken = Object.values(ctx.server.state.data.embeddingProviders).some((p) =>
    p.workspace === ctx.workspace && p.name === name && p.id !== self
  )
  if (taken) throw conflict(`an embedding provider named ${name} already exists`)
  return name
}

const checkConfig = (config: unknown): Record<string, unknown> => {
  if (config === undefined || config === null) return {}
  if (typeof config !== "object" || Array.isArray(config)) throw badRequest("config must be a JSON object")
  return config as Record<string, unknown>
}

/** The name of the secret that holds the API key a provider was given. */
const ownedSecretName = (id: string) => `embedding-provider-${id}`

/**
 * Points the provider at its key: `api_key` is stored as a secret the provider owns,
 * `secret_name` names an existing secret of the workspace. Both at once is a 400.
 */
const setKey = (
  ctx: RequestContext,
  provider: EmbeddingProviderRecord,
  apiKey: string | null | undefined,
  secretName: string | null | undefined
): void => {
  const { secrets } = ctx.server.state.data
  const hasKey = apiKey !== undefined && apiKey !== null
  const hasName = secretName !== undefined && secretName !== null
  if (hasKey && hasName) throw badRequest("send api_key or secret_name, not both")
  if (hasName) {
    if (secrets[secretKey(ctx.workspace, secretName)] === undefined) throw notFound(`secret ${secretName} not found`)
    dropOwnedSecret(ctx, provider)
    provider.secret_name = secretName
    provider.owns_secret = false
  }
  if (hasKey) {
    if (apiKey.trim() === "") throw badRequest("api_key must not be empty")
    const name = ownedSecretName(provider.id)
    const now = nowIso()
    const existing = secrets[secretKey(ctx.workspace, name)]
    if (existing !== undefined) {
      existing.value = apiKey
      existing.updated_at = now
    } else {
      secrets[secretKey(ctx.workspace, name)] = {
        id: makeId("secr"),
        workspace: ctx.workspace,
        name,
        value: apiKey,
        created_at: now,
        updated_at: now
      }
    }
    provider.secret_name = name
    provider.owns_secret = true
  }
}

const dropOwnedSecret = (ctx: RequestContext, provider: EmbeddingProviderRecord): void => {
  if (provider.owns_secret && provider.secret_name !== null) {
    delete ctx.server.state.data.secrets[secretKey(ctx.workspace, provider.secret_name)]
  }
  provider.owns_secret = false
  provider.secret_name = null
}

/** @internal */
export const handlers = {
  list_embedding_providers: async (ctx) => ({
    status: 200,
    body: {
      embedding_providers: Object.values(ctx.server.state.data.embeddingProviders)
        .filter((p) => p.workspace === ctx.workspace)
        .sort((a, b) => a.seq - b.seq)
        .map(view)
    }
  }),

  create_embedding_provider: async (ctx) => {
    const body = ctx.body
    const name = checkProviderName(ctx, body.name)
    if (!PROVIDER_TYPE.test(body.provider_type)) {
      throw badRequest(`invalid provider_type "${body.provider_type}": use lowercase letters, digits, '_' and '-'`)
    }
    const now = nowIso()
    const provider: EmbeddingProviderRecord = {
      id: makeId("embp"),
      seq: ctx.server.state.nextSeq(),
      workspace: ctx.workspace,
      name,
      provider_type: body.provider_type,
      config: checkConfig(body.config),
      secret_name: null,
      owns_secret: false,
      created_at: now,
      updated_at: now
    }
    setKey(ctx, provider, body.api_key, body.secret_name)
    ctx.server.state.data.embeddingProviders[provider.id] = provider
    ctx.server.state.save()
    const { has_secret: _, source: __, updated_at: ___, ...created } = view(provider)
    return { status: 201, body: created }
  },

  get_embedding_provider: async (ctx) => ({ status: 200, body: view(getProvider(ctx, ctx.params.id)) }),

  update_embedding_provider: async (ctx) => {
    const provider = getProvider(ctx, ctx.params.id)
    const body = ctx.body
    const name = body.name === undefined || body.name === null
      ? undefined
      : checkProviderName(ctx, body.name, provider.id)
    const config = body.config === undefined ? undefined : checkConfig(body.config)
    setKey(ctx, provider, body.api_key, body.secret_name)
    if (name !== undefined) provider.name = name
    if (config !== undefined) provider.config = config
    provider.updated_at = nowIso()
    ctx.server.state.save()
    return { status: 200, body: { id: provider.id, name: provider.name, updated_at: provider.updated_at } }
  },

  delete_embedding_provider: async (ctx) => {
    const provider = getProvider(ctx, ctx.params.id)
    dropOwnedSecret(ctx, provider)
    delete ctx.server.state.data.embeddingProviders[provider.id]
    ctx.server.state.save()
    return { status: 204 }
  }
} satisfies HandlerSet
