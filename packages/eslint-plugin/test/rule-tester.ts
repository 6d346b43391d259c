import { RuleTester } from '@typescript-eslint/rule-tester'
import { afterAll, describe, it } from 'vitest'

// RuleTester needs the test framework's hooks; vitest does not expose them as globals here.
RuleTester.afterAll = afterAll
RuleTester.describe = describe
RuleTester.it = it

/** A RuleTester that parses TypeScript modules with typescript-eslint. */
export const ruleTester: RuleTester = new RuleTester({
  languageOptions: { parserOptions: { sourceType: 'module' } },
})

/** Joins source lines, so test cases stay readable and short. */
export function lines(...source: string[]): string {
  return source.join('\n')
}
