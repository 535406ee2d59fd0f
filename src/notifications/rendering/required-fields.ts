/**
 * Which context fields a template needs, read from its syntax tree once at start-up.
 *
 * Handlebars' `strict` mode only guards plain `{{field}}` mustaches; a field used only as a helper
 * argument (`{{yuan amountFen}}`, `{{#each documents}}`) silently renders as nothing when it is
 * missing. So the renderer checks the context against this list before rendering, and names the
 * missing field. A field used only as an `{{#if}}`/`{{#unless}}` condition is optional.
 */
export interface FieldUsage {
  used: Set<string>;
  optional: Set<string>;
}

const CONDITIONAL_BLOCKS = new Set(['if', 'unless']);
const SCOPING_BLOCKS = new Set(['each', 'with']);

export function collectFieldUsage(
  program: hbs.AST.Program,
  helpers: ReadonlySet<string>,
  usage: FieldUsage = { used: new Set(), optional: new Set() },
): FieldUsage {
  // depth = how many context-changing blocks (`each`, `with`) surround the node.
  const rootField = (path: hbs.AST.PathExpression, depth: number): string | undefined => {
    if (path.data) return path.parts[0] === 'root' ? path.parts[1] : undefined;
    return depth - path.depth === 0 ? path.parts[0] : undefined;
  };
  const useField = (path: hbs.AST.PathExpression, depth: number): void => {
    const field = rootField(path, depth);
    if (field) usage.used.add(field);
  };
  const walkArguments = (
    node: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash },
    depth: number,
  ): void => {
    for (const param of node.params) walkExpression(param, depth);
    for (const pair of node.hash?.pairs ?? []) walkExpression(pair.value, depth);
  };
  const walkExpression = (expression: hbs.AST.Expression, depth: number): void => {
    if (expression.type === 'PathExpression') {
      useField(expression as hbs.AST.PathExpression, depth);
    } else if (expression.type === 'SubExpression') {
      walkArguments(expression as hbs.AST.SubExpression, depth);
    }
  };
  const walkProgram = (body: hbs.AST.Program | undefined, depth: number): void => {
    for (const statement of body?.body ?? []) walkStatement(statement, depth);
  };
  const walkStatement = (statement: hbs.AST.Statement, depth: number): void => {
    switch (statement.type) {
      case 'MustacheStatement': {
        const mustache = statement as hbs.AST.MustacheStatement;
        const path = mustache.path;
        if (path.type !== 'PathExpression') return;
        const isHelperCall =
          mustache.params.length > 0 ||
          mustache.hash?.pairs.length > 0 ||
          helpers.has((path as hbs.AST.PathExpression).original);
        if (isHelperCall) walkArguments(mustache, depth);
        else useField(path as hbs.AST.PathExpression, depth);
        return;
      }
      case 'BlockStatement': {
        const block = statement as hbs.AST.BlockStatement;
        const name = block.path.original;
        if (CONDITIONAL_BLOCKS.has(name)) {
          for (const param of block.params) {
            const field =
              param.type === 'PathExpression'
                ? rootField(param as hbs.AST.PathExpression, depth)
                : undefined;
            if (field) usage.optional.add(field);
            else walkExpression(param, depth);
          }
          walkProgram(block.program, depth);
          walkProgram(block.inverse, depth);
        } else if (SCOPING_BLOCKS.has(name) || !helpers.has(name)) {
          // `{{#each documents}}`, or a section over a field (`{{#documents}}`).
          if (helpers.has(name)) walkArguments(block, depth);
          else useField(block.path, depth);
          walkProgram(block.program, depth + 1);
          walkProgram(block.inverse, depth);
        } else {
          walkArguments(block, depth);
          walkProgram(block.program, depth);
          walkProgram(block.inverse, depth);
        }
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const partial = statement as hbs.AST.PartialStatement;
        walkArguments(partial, depth);
        if (statement.type === 'PartialBlockStatement') {
          walkProgram((statement as hbs.AST.PartialBlockStatement).program, depth);
        }
        return;
      }
      default:
        return;
    }
  };
  walkProgram(program, 0);
  return usage;
}

/** Fields used anywhere that are not merely conditions, sorted for stable messages. */
export function requiredFields(usage: FieldUsage): string[] {
  return [...usage.used].filter((field) => !usage.optional.has(field)).sort();
}
