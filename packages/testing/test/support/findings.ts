import { expect } from 'vitest'
import { InjectionSuiteError } from '../../src/injection/injection-report'

/** Runs `suite` and returns its error, failing the test if it passed. */
export async function expectSuiteFailure(suite: Promise<unknown>): Promise<InjectionSuiteError> {
  const outcome = await suite.then(() => 'passed', (error: unknown) => error)
  expect(outcome).toBeInstanceOf(InjectionSuiteError)
  return outcome as InjectionSuiteError
}

/** `payload-id oracle` for every finding, to assert on. */
export function tripped(error: InjectionSuiteError): string[] {
  return error.findings.map((f) => `${f.payload.id} ${f.oracle}`)
}
