/**
 * Static analysis of one code cell: parse it with acorn (latest ECMAScript, module code, top-level `await`) and
 * find what it defines at top level (const/let/var incl. destructuring, functions, classes, import bindings) and
 * what it reads from outside (its free references, scope-aware). Also records what the evaluator rewrites: import
 * declarations, `export` keywords, the last expression statement (the cell's result) and `const x = view(input)`
 * bindings. Syntax errors become a `CellSyntaxError` with the 1-based line and column inside the cell.
 */
import { parse, type ImportDeclaration, type Program } from 'acorn';
import { CellSyntaxError } from './errors.ts';
import { LineIndex, type Position } from './lines.ts';
import { collectLexicalNames, collectVarNames, findFreeReferences, Scope } from './scope-walk.ts';

/** A `[start, end)` range of the cell source. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** `import … from 'spec'` at top level, to become a dynamic import. */
export interface ImportInfo extends Span {
  readonly specifier: string;
  /** `default`, a named export, or `*` for a namespace import → local name. */
  readonly bindings: readonly { readonly imported: string; readonly local: string }[];
  /** Import attributes (`with { type: 'json' }`). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** `const name = view(input)`: the cell defines `name` as the input's current value. */
export interface ViewBinding {
  readonly name: string;
  /** The `view` identifier being called. */
  readonly callee: Span;
}

export interface CellAnalysis {
  readonly source: string;
  /** Top-level names in order of declaration. */
  readonly defines: readonly string[];
  /** Free names in order of first use. */
  readonly references: readonly string[];
  /** Free names the cell assigns to. */
  readonly assigns: readonly string[];
  /** Free names only ever used as `typeof name`. */
  readonly typeofOnly: readonly string[];
  /** Where each defined or referenced name first appears (1-based). */
  readonly positions: ReadonlyMap<string, Position>;
  /** The expression of the last statement, if that statement is an expression statement. */
  readonly lastExpression: Span | null;
  readonly imports: readonly ImportInfo[];
  /** `export ` keywords to blank out (`export const x = 1` defines `x` like `const x = 1`). */
  readonly exportKeywords: readonly Span[];
  readonly views: readonly ViewBinding[];
}

/** Parses a cell as module code; acorn's SyntaxError becomes a `CellSyntaxError`. */
export function parseCell(source: string): Program {
  try {
    return parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, allowHashBang: false });
  } catch (e) {
    if (e instanceof SyntaxError && typeof (e as { pos?: unknown }).pos === 'number') {
      const pos = (e as unknown as { pos: number }).pos;
      const { line, column } = new LineIndex(source).position(pos);
      throw new CellSyntaxError(e.message.replace(/ \(\d+:\d+\)$/, ''), line, column, pos);
    }
    throw e;
  }
}

/** Analyses a code cell; throws `CellSyntaxError`. */
export function analyzeCell(source: string): CellAnalysis {
  const program = parseCell(source);
  const lines = new LineIndex(source);
  const fail = (detail: string, offset: number): never => {
    const { line, column } = lines.position(offset);
    throw new CellSyntaxError(detail, line, column, offset);
  };
  const positions = new Map<string, Position>();
  const note = (name: string, offset: number): void => {
    if (!positions.has(name)) positions.set(name, lines.position(offset));
  };

  const declared = [...collectVarNames(program.body), ...collectLexicalNames(program.body)].sort((a, b) => a[1] - b[1]);
  const top = new Scope(null);
  for (const [name, at] of declared) {
    top.names.add(name);
    note(name, at);
  }

  const imports: ImportInfo[] = [];
  const exportKeywords: Span[] = [];
  const views: ViewBinding[] = [];
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration') imports.push(importInfo(s));
    else if (s.type === 'ExportNamedDeclaration' && s.declaration) exportKeywords.push({ start: s.start, end: s.declaration.start });
    else if (s.type.startsWith('Export')) {
      fail('export lists and default exports are not supported in a notebook cell: its top-level definitions are already shared with every cell', s.start);
    }
    const decl = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (decl?.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        const init = d.init;
        if (d.id.type === 'Identifier' && init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'view' && !top.has('view')) {
          views.push({ name: d.id.name, callee: { start: init.callee.start, end: init.callee.end } });
        }
      }
    }
  }
  const meta = findImportMeta(source, program);
  if (meta !== null) fail('import.meta is not available in a notebook cell', meta);

  const refs = findFreeReferences(program, top);
  const references: string[] = [], assigns: string[] = [];
  const readable = new Set<string>();
  for (const r of refs) {
    if (!positions.has(r.name)) references.push(r.name);
    note(r.name, r.start);
    if (r.write && !assigns.includes(r.name)) assigns.push(r.name);
    if (!r.typeofOnly) readable.add(r.name);
  }
  const last = program.body.at(-1);
  return {
    source,
    defines: [...new Set(declared.map(([n]) => n))],
    references,
    assigns,
    typeofOnly: references.filter((n) => !readable.has(n)),
    positions,
    lastExpression: last?.type === 'ExpressionStatement' ? { start: last.expression.start, end: last.expression.end } : null,
    imports,
    exportKeywords,
    views,
  };
}

function importInfo(s: ImportDeclaration): ImportInfo {
  const bindings = s.specifiers.map((sp) => ({
    imported: sp.type === 'ImportDefaultSpecifier' ? 'default' : sp.type === 'ImportNamespaceSpecifier' ? '*'
      : sp.imported.type === 'Identifier' ? sp.imported.name : String(sp.imported.value),
    local: sp.local.name,
  }));
  const attributes: Record<string, string> = {};
  for (const a of s.attributes ?? []) attributes[a.key.type === 'Identifier' ? a.key.name : String(a.key.value)] = String(a.value.value);
  return { start: s.start, end: s.end, specifier: String(s.source.value), bindings, attributes };
}

/** Offset of the first `import.meta`, or null (a cell body runs in a function, where it is not allowed). */
function findImportMeta(source: string, program: Program): number | null {
  if (!source.includes('import')) return null;
  let found: number | null = null;
  const visit = (n: unknown): void => {
    if (found !== null || typeof n !== 'object' || n === null) return;
    if (Array.isArray(n)) { n.forEach(visit); return; }
    const node = n as { type?: unknown; meta?: { name?: unknown }; start?: number };
    if (node.type === 'MetaProperty' && node.meta?.name === 'import') { found = node.start ?? 0; return; }
    for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
  };
  visit(program.body);
  return found;
}
