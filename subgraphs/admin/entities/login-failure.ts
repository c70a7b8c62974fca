import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/** Failed sign-ins of one account (`email:…`) or client address (`ip:…`) within the current window (services/login-throttle.ts). */
export const LoginFailure = defineEntity({
  name: 'LoginFailure',
  tableName: 'login_failures',
  properties: {
    key: p.text().primary(),
    failures: p.integer(),
    windowStart: p.datetime(),
  },
});
export type LoginFailure = InferEntity<typeof LoginFailure>;
