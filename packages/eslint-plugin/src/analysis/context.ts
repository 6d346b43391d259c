import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import type { Kind } from './kinds'

/** Per-file state shared by the analyses of one rule run. */
export interface AnalysisContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>
  /** Memoised kinds; `null` marks "resolving or unknown" to stop cycles. */
  readonly kinds: Map<TSESTree.Node, Kind | null>
  /** Memoised trust verdicts, with the same cycle guard. */
  readonly trust: Map<TSESTree.Node, boolean>
}

/** Starts the analysis state for one file. */
export function createAnalysisContext(
  sourceCode: Readonly<TSESLint.SourceCode>,
): AnalysisContext {
  return { sourceCode, kinds: new Map(), trust: new Map() }
}
