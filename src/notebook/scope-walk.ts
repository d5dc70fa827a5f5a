/**
 * Scope-aware free-variable analysis over an acorn AST (acorn-walk `recursive` with scope overrides). A name is
 * free when no enclosing scope binds it: function scopes bind params, `arguments`, hoisted `var`s and function
 * declarations; blocks, `for` heads, `switch` bodies and `catch` clauses bind their `let`/`const`/`class`/function
 * declarations; a class expression or named function expression binds its own name inside. Property keys, member
 * names and labels are not references. Code is module code (strict), so block functions are block-scoped.
 */
import type { AnyNode, Node, Pattern, Program, Statement, ModuleDeclaration, Function as FunctionNode, Class } from 'acorn';
import { base, recursive, type RecursiveVisitors } from 'acorn-walk';

/** acorn-walk's callback, with the `override` (visit-as) argument its typings omit. */
type Walk = (node: AnyNode, scope: Scope, override?: string) => void;
type Visitors = {
  [T in AnyNode['type']]?: (node: Extract<AnyNode, { type: T }>, scope: Scope, c: Walk) => void;
} & {
  Function?: (node: FunctionNode, scope: Scope, c: Walk) => void;
  Class?: (node: Class, scope: Scope, c: Walk) => void;
  VariablePattern?: (node: Pattern, scope: Scope, c: Walk) => void;
};

/** One free identifier occurrence. */
export interface FreeReference {
  readonly name: string;
  readonly start: number;
  /** Assigned to (`x = …`, `x++`, `for (x of …)`, destructuring assignment). */
  readonly write: boolean;
  /** The operand of `typeof` (no ReferenceError when undefined). */
  readonly typeofOnly: boolean;
}

export class Scope {
  readonly names = new Set<string>();
  constructor(readonly parent: Scope | null) {}
  has(name: string): boolean {
    for (let s: Scope | null = this; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }
}

type StatementLike = Statement | ModuleDeclaration;

/** Every name a binding pattern binds, with the identifier's start offset. */
export function bindingNames(p: Pattern, out: [string, number][] = []): [string, number][] {
  switch (p.type) {
    case 'Identifier': out.push([p.name, p.start]); break;
    case 'ObjectPattern':
      for (const prop of p.properties) bindingNames(prop.type === 'Property' ? prop.value : prop.argument, out);
      break;
    case 'ArrayPattern': for (const e of p.elements) if (e) bindingNames(e, out); break;
    case 'RestElement': bindingNames(p.argument, out); break;
    case 'AssignmentPattern': bindingNames(p.left, out); break;
    case 'MemberExpression': break;
  }
  return out;
}

/** `var` names (and function-level function declarations) hoisted out of `stmts`, not entering nested functions. */
export function collectVarNames(stmts: readonly StatementLike[], out: [string, number][] = []): [string, number][] {
  const visit = (s: StatementLike | null | undefined): void => {
    if (!s) return;
    switch (s.type) {
      case 'VariableDeclaration':
        if (s.kind === 'var') for (const d of s.declarations) bindingNames(d.id, out);
        break;
      case 'IfStatement': visit(s.consequent); visit(s.alternate); break;
      case 'ForStatement': if (s.init?.type === 'VariableDeclaration') visit(s.init); visit(s.body); break;
      case 'ForInStatement': case 'ForOfStatement': if (s.left.type === 'VariableDeclaration') visit(s.left); visit(s.body); break;
      case 'WhileStatement': case 'DoWhileStatement': case 'LabeledStatement': visit(s.body); break;
      case 'BlockStatement': s.body.forEach(visit); break;
      case 'TryStatement': visit(s.block); visit(s.handler?.body); visit(s.finalizer); break;
      case 'SwitchStatement': for (const c of s.cases) c.consequent.forEach(visit); break;
      case 'ExportNamedDeclaration': visit(s.declaration); break;
      default: break;
    }
  };
  stmts.forEach(visit);
  return out;
}

/** Lexical names declared directly in a statement list (let/const/using, class, function, import bindings). */
export function collectLexicalNames(stmts: readonly StatementLike[], out: [string, number][] = []): [string, number][] {
  for (let s of stmts) {
    if (s.type === 'ExportNamedDeclaration' && s.declaration) s = s.declaration;
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) bindingNames(d.id, out);
    else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) out.push([s.id.name, s.id.start]);
    else if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) out.push([sp.local.name, sp.local.start]);
  }
  return out;
}

function scopeWith(parent: Scope, ...lists: [string, number][][]): Scope {
  const s = new Scope(parent);
  for (const l of lists) for (const [n] of l) s.names.add(n);
  return s;
}

/** The free references of `program`, given the scope that holds its top-level definitions. */
export function findFreeReferences(program: Program, top: Scope): FreeReference[] {
  const refs: FreeReference[] = [];
  const ref = (name: string, start: number, scope: Scope, write = false, typeofOnly = false): void => {
    if (!scope.has(name)) refs.push({ name, start, write, typeofOnly });
  };

  /** Visits the expressions inside a binding pattern (defaults, computed keys), binding nothing. */
  const bindingExprs = (p: Pattern, scope: Scope, c: Walk): void => {
    switch (p.type) {
      case 'ObjectPattern':
        for (const prop of p.properties) {
          if (prop.type === 'Property') {
            if (prop.computed) c(prop.key, scope, 'Expression');
            bindingExprs(prop.value, scope, c);
          } else bindingExprs(prop.argument, scope, c);
        }
        break;
      case 'ArrayPattern': for (const e of p.elements) if (e) bindingExprs(e, scope, c); break;
      case 'RestElement': bindingExprs(p.argument, scope, c); break;
      case 'AssignmentPattern': bindingExprs(p.left, scope, c); c(p.right, scope, 'Expression'); break;
      case 'MemberExpression': c(p, scope, 'Expression'); break;
      case 'Identifier': break;
    }
  };

  const fn = (node: FunctionNode, scope: Scope, c: Walk): void => {
    const params = node.params.flatMap((p) => bindingNames(p));
    const own: [string, number][] = [];
    if (node.type === 'FunctionExpression' && node.id) own.push([node.id.name, node.id.start]);
    if (node.type !== 'ArrowFunctionExpression') own.push(['arguments', -1]);
    const body = node.body.type === 'BlockStatement' ? node.body.body : [];
    const inner = scopeWith(scope, own, params, collectVarNames(body), collectLexicalNames(body));
    for (const p of node.params) bindingExprs(p, inner, c);
    if (node.body.type === 'BlockStatement') for (const s of body) c(s, inner, 'Statement');
    else c(node.body, inner, 'Expression');
  };

  const cls = (node: Class, scope: Scope, c: Walk): void => {
    const inner = node.id ? scopeWith(scope, [[node.id.name, node.id.start]]) : scope;
    if (node.superClass) c(node.superClass, inner, 'Expression');
    c(node.body, inner);
  };

  const visitors: Visitors = {
    Function: fn,
    Class: cls,
    BlockStatement(node, scope, c) {
      const inner = scopeWith(scope, collectLexicalNames(node.body));
      for (const s of node.body) c(s, inner, 'Statement');
    },
    StaticBlock(node, scope, c) {
      const inner = scopeWith(scope, collectVarNames(node.body), collectLexicalNames(node.body));
      for (const s of node.body) c(s, inner, 'Statement');
    },
    ForStatement(node, scope, c) {
      const inner = node.init?.type === 'VariableDeclaration' && node.init.kind !== 'var' ? scopeWith(scope, collectLexicalNames([node.init])) : scope;
      if (node.init) c(node.init, inner, 'ForInit');
      if (node.test) c(node.test, inner, 'Expression');
      if (node.update) c(node.update, inner, 'Expression');
      c(node.body, inner, 'Statement');
    },
    ForInStatement: forInOf,
    ForOfStatement: forInOf,
    CatchClause(node, scope, c) {
      const inner = node.param ? scopeWith(scope, bindingNames(node.param)) : scope;
      if (node.param) bindingExprs(node.param, inner, c);
      c(node.body, inner, 'Statement');
    },
    SwitchStatement(node, scope, c) {
      c(node.discriminant, scope, 'Expression');
      const inner = scopeWith(scope, collectLexicalNames(node.cases.flatMap((k) => k.consequent)));
      for (const k of node.cases) c(k, inner);
    },
    VariableDeclarator(node, scope, c) {
      bindingExprs(node.id, scope, c);
      if (node.init) c(node.init, scope, 'Expression');
    },
    Identifier(node, scope) {
      ref(node.name, node.start, scope);
    },
    VariablePattern(node, scope) {
      // Reached only from assignment targets: every binding position is handled above.
      if (node.type === 'Identifier') ref(node.name, node.start, scope, true);
    },
    UpdateExpression(node, scope, c) {
      if (node.argument.type === 'Identifier') ref(node.argument.name, node.argument.start, scope, true);
      else c(node.argument, scope, 'Expression');
    },
    UnaryExpression(node, scope, c) {
      if (node.operator === 'typeof' && node.argument.type === 'Identifier') ref(node.argument.name, node.argument.start, scope, false, true);
      else c(node.argument, scope, 'Expression');
    },
  };

  function forInOf(node: Extract<AnyNode, { type: 'ForInStatement' | 'ForOfStatement' }>, scope: Scope, c: Walk): void {
    const left = node.left;
    if (left.type === 'VariableDeclaration') {
      const inner = left.kind !== 'var' ? scopeWith(scope, collectLexicalNames([left])) : scope;
      for (const d of left.declarations) bindingExprs(d.id, inner, c);
      c(node.right, inner, 'Expression');
      c(node.body, inner, 'Statement');
    } else {
      c(left, scope, 'Pattern');
      c(node.right, scope, 'Expression');
      c(node.body, scope, 'Statement');
    }
  }

  for (const s of program.body) recursive(s as Node, top, visitors as RecursiveVisitors<Scope>, base);
  return refs;
}
