import { packageBuild } from '../../tsup.base.ts'

export default packageBuild({
  index: 'src/index.ts',
  vitest: 'src/vitest-setup.ts',
  kafka: 'src/kafka.ts',
})
