import {
  AST_NODE_TYPES,
  ASTUtils,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils'
import { keyName } from './ast'

type Node = TSESTree.Node
type Variable = TSESLint.Scope.Variable

/** Finds the variable an identifier refers to, in the scope it is used. */
export function variableOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  id: TSESTree.Identifier,
): Variable | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id)
  return variable ?? undefined
}

/**
 * Whether every write to the variable is its declaration: a `const`, or a
 * `let`/parameter never reassigned, so its value is the one it started with.
 */
export function isStable(variable: Variable): boolean {
  return variable.references.every((ref) => !ref.isWrite() || ref.init === true)
}

/** Where a declared name gets its value from. */
export interface Binding {
  /** The declarator, parameter, import or loop the name comes from. */
  readonly kind: 'init' | 'param' | 'import' | 'for-of' | 'other'
  /** The expression the destructuring starts from (declarator init). */
  readonly source?: TSESTree.Expression
  /** Property names picked out by destructuring, outermost first. */
  readonly path: readonly string[]
  /** A destructuring default (`{ a = 1 }`), which may be used instead. */
  readonly fallback?: TSESTree.Expression
  /** The definition's node (declarator, function, import specifier...). */
  readonly node: Node
  /** The identifier that declares the name. */
  readonly name: TSESTree.Identifier
}

/** How a variable is defined, when it has exactly one definition. */
export function bindingOf(variable: Variable): Binding | undefined {
  if (variable.defs.length !== 1) return undefined
  const def = variable.defs[0]
  if (def === undefined) return undefined
  const name = def.name as TSESTree.Identifier

  if (def.type === 'ImportBinding') {
    return { kind: 'import', path: [], node: def.node, name }
  }
  if (def.type === 'Parameter') {
    return { kind: 'param', path: [], node: def.node, name }
  }
  if (def.type !== 'Variable') {
    return { kind: 'other', path: [], node: def.node, name }
  }
  const declarator = def.node
  const route = patternRoute(declarator.id, name)
  if (route === undefined) return undefined
  const loop = declarator.parent.parent
  if (declarator.init === null) {
    const isForOf = loop.type === AST_NODE_TYPES.ForOfStatement
    return {
      kind: isForOf ? 'for-of' : 'other',
      ...(isForOf ? { source: loop.right } : {}),
      path: route.path,
      node: declarator,
      name,
    }
  }
  return {
    kind: 'init',
    source: declarator.init,
    path: route.path,
    ...(route.fallback ? { fallback: route.fallback } : {}),
    node: declarator,
    name,
  }
}

interface Route {
  path: string[]
  fallback?: TSESTree.Expression
}

/** The property path from a destructuring pattern down to `name`. */
function patternRoute(pattern: Node, name: TSESTree.Identifier): Route | undefined {
  if (pattern === name) return { path: [] }
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) {
    const inner = patternRoute(pattern.left, name)
    return inner && inner.path.length === 0
      ? { path: [], fallback: pattern.right }
      : inner
  }
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue
      const inner = patternRoute(property.value, name)
      if (inner === undefined) continue
      const key = keyName(property.key, property.computed)
      if (key === undefined) return undefined
      return { ...inner, path: [key, ...inner.path] }
    }
  }
  return undefined
}

/** The function a parameter belongs to, and its position there. */
export function parameterSite(
  binding: Binding,
): { fn: Node; index: number } | undefined {
  if (binding.kind !== 'param') return undefined
  const fn = binding.node
  if (!('params' in fn)) return undefined
  const index = fn.params.findIndex((param) => {
    const target =
      param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param
    const inner =
      target.type === AST_NODE_TYPES.TSParameterProperty ? target.parameter : target
    return inner === binding.name || (inner.type === AST_NODE_TYPES.Identifier &&
      inner.range[0] === binding.name.range[0])
  })
  return index === -1 ? undefined : { fn, index }
}

/** The declared type annotation of a parameter or variable, if any. */
export function annotationOf(name: TSESTree.Identifier): TSESTree.TypeNode | undefined {
  return name.typeAnnotation?.typeAnnotation
}
