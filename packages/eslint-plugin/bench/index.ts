// Linting cost of the tenantkit rules on the fixture corpus, against parsing
// alone and against typescript-eslint's recommended rules, in one process.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compare, target } from '@tenantkit/bench'
import parser from '@typescript-eslint/parser'
import { Linter } from 'eslint'
import tseslint from 'typescript-eslint'
import plugin from '../src/index'

const fixtures = join(import.meta.dirname, '../test/fixtures')
const files = readdirSync(fixtures, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, code: readFileSync(join(fixtures, name), 'utf8') }))

const parseOnly: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser } }]
const tenantkit: Linter.Config[] = [...parseOnly, plugin.configs.recommended as Linter.Config]
const typescriptEslint = tseslint.configs.recommended as Linter.Config[]

const linter = new Linter({ configType: 'flat' })
const lintAll = (config: Linter.Config[]) => (ops: number): void => {
  for (let i = 0; i < ops; i++) {
    const file = files[i % files.length]
    if (file !== undefined) linter.verify(file.code, config, { filename: file.name })
  }
}

const results = await compare(
  'lint the fixture corpus',
  [
    { name: 'parse only', run: lintAll(parseOnly) },
    { name: 'typescript-eslint recommended', run: lintAll(typescriptEslint) },
    { name: 'tenantkit recommended', run: lintAll(tenantkit) },
  ],
  { ops: files.length * 4, unit: 'files', metric: 'time', rounds: 7 },
)
const [base, tsRules, ours] = results
if (base !== undefined && tsRules !== undefined && ours !== undefined) {
  // The rules should cost no more than typescript-eslint's recommended set.
  target('tenantkit vs typescript-eslint recommended', ours.timeRatio / tsRules.timeRatio, '<=', 1)
}
