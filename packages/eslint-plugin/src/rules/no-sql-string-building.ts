import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils'
import { unwrap } from '../analysis/ast'
import { type AnalysisContext, createAnalysisContext } from '../analysis/context'
import { sinkOf } from '../analysis/sinks'
import { looksLikeSql } from '../analysis/sql-text'
import { type Part, stringParts } from '../analysis/string-parts'
import { bindingOf, parameterSite, variableOf } from '../analysis/variables'
import { createRule, type TenantkitRuleDocs } from '../create-rule'

type MessageId = 'built' | 'builtByCaller'

/**
 * SQL text handed to a driver (node-postgres `query`, postgres.js
 * `unsafe`, Kysely `CompiledQuery.raw`) that was put together from strings
 * with run-time values spliced in.
 */
export const noSqlStringBuilding: TSESLint.RuleModule<MessageId, [], TenantkitRuleDocs> =
  createRule<[], MessageId>({
    name: 'no-sql-string-building',
    meta: {
      type: 'problem',
      docs: {
        description:
          'Disallow SQL text built from strings with run-time values ' +
          'before it reaches node-postgres, postgres.js or Kysely',
        recommended: true,
      },
      schema: [],
      messages: {
        built:
          'SQL text passed to {{sink}}() is built with {{value}} spliced ' +
          'in. Use placeholders ($1, $2, ...) and pass the values ' +
          'separately, or the Kysely query builder / sql`` tag.',
        builtByCaller:
          'This SQL text reaches {{sink}}() through {{fn}}() with ' +
          '{{value}} spliced in. Use placeholders ($1, $2, ...) and pass ' +
          'the values separately.',
      },
    },
    defaultOptions: [],
    create(context) {
      const ctx = createAnalysisContext(context.sourceCode)

      const check = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        const sink = sinkOf(ctx, node)
        // `sql.raw` accepts only constants; no-raw-sql-injection reports it.
        if (sink === undefined || sink.kind === 'kysely-sql.raw') return
        const spliced = splicedValue(ctx, sink.text)
        if (spliced !== undefined) {
          context.report({
            node: sink.text,
            messageId: 'built',
            data: { sink: sink.label, value: describe(context.sourceCode, spliced) },
          })
          return
        }
        for (const call of callerArguments(ctx, sink.text)) {
          const value = splicedValue(ctx, call.arg)
          if (value === undefined) continue
          context.report({
            node: call.arg,
            messageId: 'builtByCaller',
            data: {
              sink: sink.label,
              fn: call.name,
              value: describe(context.sourceCode, value),
            },
          })
        }
      }

      return { CallExpression: check, NewExpression: check }
    },
  })

/** The first run-time value spliced into SQL-looking text, if any. */
function splicedValue(ctx: AnalysisContext, node: TSESTree.Node): TSESTree.Node | undefined {
  const parts = stringParts(ctx, node)
  if (parts === undefined) return undefined
  const dynamic = parts.find((part): part is Part & { type: 'dynamic' } =>
    part.type === 'dynamic')
  if (dynamic === undefined) return undefined
  const text = parts.map((part) => (part.type === 'text' ? part.value : ' ? ')).join('')
  return looksLikeSql(text) ? dynamic.node : undefined
}

function describe(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ')
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``
}

/**
 * When the SQL text is a parameter of a local function, the arguments
 * every call in this file passes for it.
 */
function callerArguments(
  ctx: AnalysisContext,
  text: TSESTree.Node,
): { name: string; arg: TSESTree.Node }[] {
  const id = unwrap(text)
  if (id.type !== AST_NODE_TYPES.Identifier) return []
  const variable = variableOf(ctx.sourceCode, id)
  const binding = variable === undefined ? undefined : bindingOf(variable)
  const site = binding === undefined ? undefined : parameterSite(binding)
  if (site === undefined) return []

  const fnName = functionName(site.fn)
  if (fnName === undefined) return []
  const fnVariable = variableOf(ctx.sourceCode, fnName)
  return (fnVariable?.references ?? []).flatMap((ref) => {
    const call = ref.identifier.parent
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) {
      return []
    }
    const arg = call.arguments[site.index]
    return arg === undefined ? [] : [{ name: fnName.name, arg }]
  })
}

function functionName(fn: TSESTree.Node): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined
  const declarator = fn.parent
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier
    ? declarator.id
    : undefined
}
