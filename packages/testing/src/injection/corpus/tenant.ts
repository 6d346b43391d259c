import type { InjectionPayload } from '../payload'
import { category, type CorpusContext } from './build'

const tamper = category('tenant-tampering')

/**
 * Payloads that try to change who the session is: the tenant setting, the
 * role, or every setting at once. They are caught by the session probe.
 */
export function tenantTampering(context: CorpusContext): InjectionPayload[] {
  const setting = context.settingLiteral
  const nil = "'00000000-0000-0000-0000-000000000000'"
  return [
    tamper('value', 'set-config-session',
      `x'; SELECT set_config(${setting}, ${nil}, false); --`,
      'point the whole session at another tenant'),
    tamper('value', 'set-config-inline',
      `x' OR set_config(${setting}, ${nil}, false) IS NULL OR 'a'='`,
      'change the tenant from inside an expression'),
    tamper('value', 'set-config-empty',
      `x' OR set_config(${setting}, '', false) IS NULL OR 'a'='`,
      'clear the tenant for the rest of the session'),
    tamper('value', 'reset-role', "x'; RESET ROLE; --", 'drop back to the login role'),
    tamper('value', 'set-role-none', "x'; SET ROLE NONE; --", 'drop back to the login role'),
    tamper('value', 'set-config-role', "x'; SELECT set_config('role', 'postgres', false); --",
      'switch role through set_config'),
    tamper('value', 'session-authorization', "x'; SET SESSION AUTHORIZATION DEFAULT; --",
      'reset the session user'),
    tamper('value', 'reset-all', "x'; RESET ALL; --", 'clear every setting'),
    tamper('value', 'discard-all', "x'; DISCARD ALL; --", 'wipe the session state'),
    tamper('value', 'wildcard-tenant', '*', 'a wildcard where a tenant id belongs'),
    tamper('value', 'nil-tenant', '00000000-0000-0000-0000-000000000000', 'the nil UUID as tenant'),
  ]
}
