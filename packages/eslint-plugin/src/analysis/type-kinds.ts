import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils'
import type { AnalysisContext } from './context'
import { instanceKind, type Kind, memberKind, moduleKind } from './kinds'

/**
 * The instance kind a type annotation names: `Pool`, `pg.PoolClient`,
 * `Kysely<DB>`, `Transaction<DB>`, `postgres.Sql`, a local alias of one of
 * these, or a union containing one.
 */
export function typeKind(
  ctx: AnalysisContext,
  type: TSESTree.TypeNode | undefined,
  depth = 0,
): Kind | undefined {
  if (type === undefined || depth > 8) return undefined
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    for (const member of type.types) {
      const kind = typeKind(ctx, member, depth + 1)
      if (kind !== undefined) return kind
    }
    return undefined
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined
  const named = typeNameKind(ctx, type.typeName, depth)
  return named === undefined ? undefined : instanceKind(named) ?? undefined
}

function typeNameKind(
  ctx: AnalysisContext,
  name: TSESTree.EntityName,
  depth: number,
): Kind | undefined {
  if (name.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = typeNameKind(ctx, name.left, depth)
    return left === undefined ? undefined : memberKind(left, name.right.name)
  }
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined
  const scope = ctx.sourceCode.getScope(name)
  const variable = ASTUtils.findVariable(scope, name.name)
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined
  if (def === undefined) return undefined

  if (def.type === 'ImportBinding') {
    const declaration = def.node.parent
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined
    const root = moduleKind(declaration.source.value)
    if (root === undefined) return undefined
    const spec = def.node
    if (spec.type !== AST_NODE_TYPES.ImportSpecifier) return root
    const imported =
      spec.imported.type === AST_NODE_TYPES.Identifier
        ? spec.imported.name
        : spec.imported.value
    return memberKind(root, imported)
  }
  if (def.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
    // A local alias: `type Db = Kysely<Database>`; report the class kind.
    const aliased = def.node.typeAnnotation
    if (aliased.type !== AST_NODE_TYPES.TSTypeReference) return undefined
    return typeNameKind(ctx, aliased.typeName, depth + 1)
  }
  return undefined
}
