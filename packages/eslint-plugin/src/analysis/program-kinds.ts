import type { TSESTree } from '@typescript-eslint/utils'
import type * as ts from 'typescript'
import type { AnalysisContext } from './context'
import { instanceKind, type Kind, memberKind, moduleKind } from './kinds'

// Declaration files of the libraries, inside node_modules (or @types).
const LIBRARY_FILE = new RegExp(
  String.raw`[\\/]node_modules[\\/](?:@types[\\/])?` +
    String.raw`(kysely|pg|pg-pool|postgres|@neondatabase[\\/]serverless)[\\/]`,
)

/**
 * With typed linting (`parserOptions.projectService`), the kind of a value
 * whose TypeScript type is one of the libraries' classes: a pool imported
 * from another module of the app, a Kysely instance returned by a factory.
 * Without type information this finds nothing.
 */
export function programKind(ctx: AnalysisContext, node: TSESTree.Node): Kind | undefined {
  const services = ctx.sourceCode.parserServices
  const program = services?.program
  const map = services?.esTreeNodeToTSNodeMap
  if (program == null || map === undefined) return undefined
  const tsNode = map.get(node)
  if (tsNode === undefined) return undefined
  const type = program.getTypeChecker().getTypeAtLocation(tsNode)
  for (const member of type.isUnion() ? type.types : [type]) {
    const kind = libraryInstanceKind(member)
    if (kind !== undefined) return kind
  }
  return undefined
}

function libraryInstanceKind(type: ts.Type): Kind | undefined {
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName
    const library = file === undefined ? undefined : LIBRARY_FILE.exec(file)?.[1]
    if (symbol === undefined || library === undefined) continue
    const root = moduleKind(library.replace('\\', '/'))
    const named = root === undefined ? undefined : memberKind(root, symbol.getName())
    // pg-pool's default export is the Pool class itself.
    const kind = named ?? (root === 'pg-class' ? root : undefined)
    const instance = kind === undefined ? undefined : instanceKind(kind)
    if (instance !== undefined) return instance
  }
  return undefined
}
