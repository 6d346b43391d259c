import { packageBuild } from '../../tsup.base.ts'

const config: ReturnType<typeof packageBuild> = packageBuild({
  index: 'src/index.ts',
  kysely: 'src/kysely/index.ts',
})

export default config
