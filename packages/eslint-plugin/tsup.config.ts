import { packageBuild } from '../../tsup.base.ts'

// The CLI reads import.meta.url to find the optional SARIF formatter; shims
// give the CommonJS build an equivalent.
export default packageBuild(
  { index: 'src/index.ts', cli: 'src/cli/index.ts' },
  { shims: true },
)
