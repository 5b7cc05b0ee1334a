#!/usr/bin/env node
// Fails when code under src/, test/, scripts/ or bench/ refers to a path outside the repository
// (such as a data folder that happens to lie beside a developer's checkout). A fresh clone
// with nothing beside it must build, run and pass its tests.
//
// What counts as a path: string literals in `new URL('…', import.meta.url)`, in `join(…)` /
// `resolve(…)` calls, and any literal starting with `./` or `../`. Each is resolved against its
// base — the file's own folder for `import.meta.url`, `import.meta.dirname` and `__dirname`, the
// repository root for anything else (repoRoot, process.cwd()) — and must stay inside the
// repository. Module specifiers of imports are left to the type checker.
//
// Usage: node scripts/check-self-contained.mjs [ROOT]   (exit 1 and one line per finding)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const CHECKED_FOLDERS = ['src', 'test', 'scripts', 'bench'];
const EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Is `node` an expression that stands for the file's own location? */
function isFileRelativeBase(node) {
  const text = node.getText();
  return (
    text === 'import.meta.url' ||
    text === 'import.meta.dirname' ||
    text === '__dirname' ||
    /^(dirname|path\.dirname)\(\s*(fileURLToPath|url\.fileURLToPath)\(\s*import\.meta\.url\s*\)\s*\)$/.test(
      text,
    )
  );
}

function literalText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/**
 * The places in one source file whose path leaves the repository.
 * @param {string} source the file's text
 * @param {string} file its path relative to the repository root (POSIX or native separators)
 * @param {string} root the repository root (absolute)
 * @returns {Array<{ line: number, path: string, resolved: string }>}
 */
export function findEscapes(source, file, root) {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const fileDir = dirname(resolve(root, file));
  const findings = [];
  const seen = new Set();
  // Constants of this file that hold a path (`const fixtures = join(import.meta.dirname, '..')`),
  // so a later `join(fixtures, …)` is resolved from where `fixtures` really is.
  const constants = new Map();
  const collectConstants = (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collectConstants);
  };
  collectConstants(sourceFile);
  /** The absolute directory an expression used as a path base stands for; the root when unknown. */
  const baseOf = (node, depth = 0) => {
    if (isFileRelativeBase(node)) return fileDir;
    if (depth > 5) return root;
    if (ts.isIdentifier(node) && constants.has(node.text)) return baseOf(constants.get(node.text), depth + 1);
    if (
      ts.isCallExpression(node) &&
      /^((node:)?path\.|posix\.)?(join|resolve)$/.test(node.expression.getText())
    ) {
      const [first, ...rest] = node.arguments;
      if (!first) return root;
      const firstText = literalText(first);
      const segments = rest.map(literalText);
      if (segments.includes(undefined)) return root;
      return resolve(
        firstText !== undefined ? root : baseOf(first, depth + 1),
        ...(firstText !== undefined ? [firstText] : []),
        ...segments,
      );
    }
    return root;
  };
  const check = (node, base, segments) => {
    if (segments.length === 0 || seen.has(node)) return;
    seen.add(node);
    const resolved = resolve(base, ...segments);
    const rel = relative(root, resolved);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
      findings.push({ line: line + 1, path: segments.join('/'), resolved });
    }
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && ts.isImportCall?.(node)) return;
    if (ts.isNewExpression(node) && node.expression.getText() === 'URL' && node.arguments?.length === 2) {
      const [target, baseArg] = node.arguments;
      const text = literalText(target);
      if (text !== undefined && baseArg && isFileRelativeBase(baseArg) && !/^[a-z]+:/i.test(text)) {
        check(target, fileDir, [text]);
      }
    }
    if (
      ts.isCallExpression(node) &&
      /^((node:)?path\.|posix\.)?(join|resolve)$/.test(node.expression.getText())
    ) {
      const [first, ...rest] = node.arguments;
      if (first) {
        const firstText = literalText(first);
        const base = firstText !== undefined ? root : baseOf(first);
        const segments = [...(firstText !== undefined ? [firstText] : []), ...rest.map(literalText)];
        // Only the literal segments up to the first computed one say where the path goes.
        const cut = segments.indexOf(undefined);
        const literal = cut === -1 ? segments : segments.slice(0, cut);
        for (const arg of node.arguments) seen.add(arg);
        check(node, base, literal);
      }
    }
    const text = literalText(node);
    if (text !== undefined && !seen.has(node) && /^\.\.?\//.test(text)) check(node, fileDir, [text]);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (EXTENSIONS.test(name)) out.push(path);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const files = CHECKED_FOLDERS.flatMap((folder) => {
    try {
      return collect(join(root, folder), []);
    } catch {
      return [];
    }
  });
  let failures = 0;
  for (const path of files) {
    const file = relative(root, path);
    for (const finding of findEscapes(readFileSync(path, 'utf8'), file, root)) {
      failures++;
      console.error(
        `${file}:${finding.line}: '${finding.path}' resolves to ${finding.resolved}, outside the repository`,
      );
    }
  }
  if (failures > 0) {
    console.error(`\n${failures} path(s) outside the repository: copy what is needed into the repository.`);
    process.exit(1);
  }
  console.log(`self-contained: ${files.length} files refer to nothing outside the repository`);
}
