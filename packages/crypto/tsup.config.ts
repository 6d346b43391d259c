import { packageBuild } from '../../tsup.base.ts'

const config: ReturnType<typeof packageBuild> = packageBuild(
  { index: 'src/index.ts', kysely: 'src/kysely/index.ts' },
  // Both entries share one copy of the key ring, sealed values and error
  // classes, so `instanceof` and sealed values work across them.
  { splitting: true },
)

export default config
