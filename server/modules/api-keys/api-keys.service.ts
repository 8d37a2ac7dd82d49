import { randomUUID } from 'node:crypto';
import { AppError, badInput, notFound } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import { generateApiKey } from '../auth/tokens.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SignedInContext } from '../service-context.ts';
import { assertMayActOn } from '../users/acting-on.ts';
import { User } from '../users/user.entity.ts';
import { ApiKey, type ApiKeyEntity } from './api-key.entity.ts';

/** Live keys per user; a cap keeps key lists (and leaked-key hunts) small. */
export const MAX_ACTIVE_KEYS_PER_USER = 50;

export interface CreateApiKeyInput {
  userId?: string | null;
  name: string;
  expiresAt?: Date | null;
}

/**
 * Your own keys are yours to manage. Someone else's need apikeys:write, and a
 * key is as good as its owner's password: only for owners whose permissions
 * you all hold (the rule in users/acting-on.ts).
 */
async function assertMayManageKeysOf(ctx: SignedInContext, em: EntityManager, ownerId: string): Promise<void> {
  assertMayManageOthersKeys(ctx, ownerId);
  if (ctx.viewer?.userId !== ownerId) await assertMayActOn(ctx, ownerId, em);
}

/** The permission part, checked before anything else about the request. */
function assertMayManageOthersKeys(ctx: SignedInContext, ownerId: string): void {
  if (ctx.viewer?.userId !== ownerId && !hasPermission(ctx.viewer, 'apikeys:write')) {
    throw new AppError('FORBIDDEN', "Managing another user's API keys needs the apikeys:write permission");
  }
}

/** Creates a key; the secret is returned here once and never again. */
export async function createApiKey(ctx: SignedInContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
  const ownerId = input.userId ?? ctx.viewer.userId;
  assertMayManageOthersKeys(ctx, ownerId);
  const name = input.name.trim();
  if (!name || name.length > 200) throw badInput('Key name must be 1-200 characters', 'name');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw badInput('expiresAt must be in the future', 'expiresAt');
  const { secret, prefix, hash } = generateApiKey();
  const apiKey = await ctx.em.transactional(async (em) => {
    await assertMayManageKeysOf(ctx, em, ownerId);
    if (!(await em.findOne(User, { id: ownerId }, { fields: ['id'] }))) throw notFound('User');
    const active = await em.count(ApiKey, { userId: ownerId, revokedAt: null });
    if (active >= MAX_ACTIVE_KEYS_PER_USER) {
      throw new AppError('CONFLICT', `A user may hold at most ${MAX_ACTIVE_KEYS_PER_USER} active keys; revoke one first`);
    }
    const apiKey = em.create(ApiKey, { id: randomUUID(), userId: ownerId, name, prefix, secretHash: hash, expiresAt: input.expiresAt ?? null });
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'apikey.create',
      targetType: 'apiKey',
      targetId: apiKey.id,
      metadata: { ownerId, name, prefix, expiresAt: input.expiresAt ?? null },
    });
    await em.flush();
    return apiKey;
  });
  return { apiKey, secret };
}

export async function revokeApiKey(ctx: SignedInContext, id: string): Promise<ApiKeyEntity> {
  const apiKey = await ctx.em.transactional(async (em) => {
    const apiKey = await em.findOne(ApiKey, { id });
    // Someone else's key looks missing unless you may manage it.
    if (!apiKey || (apiKey.userId !== ctx.viewer?.userId && !hasPermission(ctx.viewer, 'apikeys:write'))) throw notFound('API key');
    await assertMayManageKeysOf(ctx, em, apiKey.userId);
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = new Date();
      appendAuditRecord(em, {
        actorId: ctx.viewer.userId,
        action: 'apikey.revoke',
        targetType: 'apiKey',
        targetId: id,
        metadata: { ownerId: apiKey.userId, name: apiKey.name, prefix: apiKey.prefix },
      });
      await em.flush();
    }
    return apiKey;
  });
  ctx.app.credentials.announce({ reason: 'apikey.revoked' });
  return apiKey;
}

/**
 * Revokes every active key of a user (yourself by default): what to do when a
 * key may have leaked. Returns how many were revoked; one audit record lists them.
 */
export async function revokeAllApiKeys(ctx: SignedInContext, userId?: string | null): Promise<number> {
  const ownerId = userId ?? ctx.viewer.userId;
  const revoked = await ctx.em.transactional(async (em) => {
    await assertMayManageKeysOf(ctx, em, ownerId);
    const keys = await em.find(ApiKey, { userId: ownerId, revokedAt: null });
    if (!keys.length) return 0;
    const now = new Date();
    for (const key of keys) key.revokedAt = now;
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'apikey.revoke.all',
      targetType: 'user',
      targetId: ownerId,
      metadata: { ownerId, count: keys.length, prefixes: keys.map((k) => k.prefix) },
    });
    await em.flush();
    return keys.length;
  });
  ctx.app.credentials.announce({ reason: 'apikey.revoked' });
  return revoked;
}
