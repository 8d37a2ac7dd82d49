import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const USER_STATUSES = ['ACTIVE', 'SUSPENDED', 'DISABLED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(320).unique(),
    name: p.string().length(200),
    status: p.enum([...USER_STATUSES]).default('ACTIVE'),
    // Console users log in with a password; integration-only users have none.
    passwordHash: p.text().nullable().hidden().default(null),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['createdAt', 'id'] }],
});
export type UserEntity = InferEntity<typeof User>;
