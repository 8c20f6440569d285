import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { VIETNAMESE_LETTER } from './vietnamese-text';

/** One string literal (or template) of the sources that people read in Vietnamese. */
export interface VietnameseLiteral {
  file: string;
  line: number;
  /** The text with each interpolation as `${expression}`. */
  text: string;
  /** The literal pieces between interpolations, in order (one more than `interpolations`). */
  pieces: string[];
  interpolations: string[];
}

// Where a string is Vietnamese by name (`messageVi`, `detailVi`, `vi:`, `nameVi`, `KIND_NAMES_VI`)…
const VIETNAMESE_NAME = /^(vi|\w*Vi|\w*_VI)$/;
// …and where a string is the English half, though it may quote a Vietnamese word ("write Có or Không").
const ENGLISH_NAME = /^(en|message|detail|reason|title|description|summary|example|\w*En|\w*_EN)$/;

export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.(spec|integration-spec|e2e-spec|arbitraries)\.ts$/.test(entry.name)) files.push(full);
    }
  };
  for (const group of ['apps', 'libs']) {
    for (const project of readdirSync(path.join(root, group))) {
      // The dashboard's page lives in web/src; every other project in src.
      for (const source of ['src', 'web/src']) if (existsSync(path.join(root, group, project, source))) walk(path.join(root, group, project, source));
    }
  }
  return files.filter((f) => !f.includes(`${path.sep}platform-e2e${path.sep}`));
}

const parsedRoots = new Map<string, { files: ts.SourceFile[]; parameters: ReturnType<typeof parameterNames> }>();

/** The sources parsed once per run: both scans read the same files. */
function parsed(root: string): { files: ts.SourceFile[]; parameters: ReturnType<typeof parameterNames> } {
  let result = parsedRoots.get(root);
  if (!result) {
    const files = sourceFiles(root).map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, f.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
    result = { files, parameters: parameterNames(files) };
    parsedRoots.set(root, result);
  }
  return result;
}

/** Parameter names of every function declared in the sources, by name: `refusal` → [status, kind, detail, detailVi, errors]. */
export function parameterNames(files: readonly ts.SourceFile[]): Map<string, Array<{ file: string; names: string[] }>> {
  const names = new Map<string, Array<{ file: string; names: string[] }>>();
  const add = (name: string, parameters: ts.NodeArray<ts.ParameterDeclaration>) => {
    names.set(name, [...(names.get(name) ?? []), { file: parameters[0]?.getSourceFile().fileName ?? '', names: parameters.map((p) => p.name.getText()) }]);
  };
  for (const file of files) {
    const visit = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name) add(node.name.text, node.parameters);
      if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name)) add(node.name.text, node.parameters);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
        add(node.name.text, node.initializer.parameters);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return names;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** The name a string is given to: its property, variable or parameter; undefined when nothing names it. */
function nameOf(node: ts.Node, parameters: Map<string, Array<{ file: string; names: string[] }>>): string | undefined {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isPropertyAssignment(parent) && parent.initializer === child) return parent.name.getText().replace(/['"]/g, '');
    if (ts.isVariableDeclaration(parent) && parent.initializer === child) return parent.name.getText();
    if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.left.getText().split('.').at(-1);
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(child as ts.Expression)) {
      const index = parent.arguments.indexOf(child as ts.Expression);
      const name = calleeName(parent);
      // A function of the same file first (two files may each have their own `problem`), else any of that name.
      const declared = (name ? parameters.get(name) : undefined) ?? [];
      const local = declared.filter((d) => d.file === node.getSourceFile().fileName);
      const names = new Set((local.length > 0 ? local : declared).map((d) => d.names[index]).filter((n): n is string => n !== undefined));
      const vi = [...names].some((n) => VIETNAMESE_NAME.test(n));
      const en = [...names].some((n) => ENGLISH_NAME.test(n));
      // Namesakes that disagree decide nothing: the string's own letters do.
      return vi && !en ? 'vi' : en && !vi ? 'en' : undefined;
    }
    // A string chosen by a condition, listed in an array or joined is still the string of the enclosing name.
    // A comparison's operand (`action === 'return'`) or a condition is a code, not text.
    if (ts.isConditionalExpression(parent) && parent.condition === child) return undefined;
    if (ts.isBinaryExpression(parent) && ![ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(parent.operatorToken.kind)) return undefined;
    if (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isBinaryExpression(parent) || ts.isAsExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent)) continue;
    if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) continue;
    if (ts.isObjectLiteralExpression(parent) || ts.isArrowFunction(parent) || ts.isReturnStatement(parent)) continue;
    return undefined;
  }
  return undefined;
}

/**
 * The string literals people read in Vietnamese: those given to a Vietnamese name, and any other
 * with a Vietnamese letter that is not the English half of a pair.
 */
export function vietnameseLiterals(root: string): VietnameseLiteral[] {
  const { files, parameters } = parsed(root);
  const literals: VietnameseLiteral[] = [];
  for (const file of files) {
    const visit = (node: ts.Node) => {
      let pieces: string[] | undefined;
      let interpolations: string[] = [];
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) pieces = [node.text];
      else if (ts.isTemplateExpression(node)) {
        pieces = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
        interpolations = node.templateSpans.map((s) => s.expression.getText());
      }
      if (pieces) {
        const name = nameOf(node, parameters);
        const text = pieces.map((p, i) => (i === 0 ? p : `\${${interpolations[i - 1]}}${p}`)).join('');
        const vietnamese = name !== undefined && VIETNAMESE_NAME.test(name) ? true : name !== undefined && ENGLISH_NAME.test(name) ? false : VIETNAMESE_LETTER.test(pieces.join(''));
        if (vietnamese && !ts.isImportDeclaration(node.parent)) {
          literals.push({ file: path.relative(root, file.fileName), line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text, pieces, interpolations });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return literals;
}

/**
 * Where English text is handed over as Vietnamese: `messageVi: error.message`,
 * `detailVi: problem.detail`, an English-named value given to a Vietnamese parameter (the
 * units-import refusals once did this). Answers `file:line  slot ← expression`.
 */
export function englishGivenAsVietnamese(root: string): string[] {
  const { files, parameters } = parsed(root);
  const found: string[] = [];
  for (const file of files) {
    const visit = (node: ts.Node) => {
      const parent = node.parent as ts.Node | undefined;
      // A value, not the name of a property, the object of an access or a function called.
      const value =
        (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) &&
        parent !== undefined &&
        !(ts.isPropertyAccessExpression(parent) && parent.expression === node) &&
        !(ts.isPropertyAccessExpression(parent) && parent.name === node) &&
        !(ts.isPropertyAssignment(parent) && parent.name === node) &&
        !(ts.isCallExpression(parent) && parent.expression === node) &&
        !ts.isParameter(parent) &&
        !ts.isVariableDeclaration(parent);
      if (value) {
        const last = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isIdentifier(node) ? node.text : '';
        const slot = nameOf(node, parameters);
        // `problem.vi?.detail` is the Vietnamese detail.
        const viaVietnamese = node.getText().split(/\??\./).slice(0, -1).some((segment) => VIETNAMESE_NAME.test(segment));
        if (last && ENGLISH_NAME.test(last) && !viaVietnamese && slot !== undefined && VIETNAMESE_NAME.test(slot)) {
          found.push(`${path.relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}  ← ${node.getText()}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}
