import { packageBuild } from '../../tsup.base.ts'

// `cli` is the `tenantkit` command; its source starts with a shebang.
export default packageBuild({ index: 'src/index.ts', cli: 'src/cli/index.ts' })
