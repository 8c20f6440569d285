// Transpiles an app and the libs it uses into dist/ with SWC: decorator metadata for Nest's
// dependency injection, and the @dtp/* path aliases rewritten to relative requires, so the
// output runs on plain Node without a loader. Type checking is a separate step (npm run typecheck).
import { transformFile } from '@swc/core';
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { root, swcOptions } = require('./swc-options.cjs');

const isSource = (file) =>
  file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|integration-spec|e2e-spec|arbitraries)\.ts$/.test(file);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (isSource(full)) yield full;
  }
}

async function compileTree(relativeDir) {
  let count = 0;
  for await (const file of walk(path.join(root, relativeDir))) {
    const out = path.join(root, 'dist', path.relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...swcOptions, filename: file, outputPath: out });
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    if (map) await writeFile(`${out}.map`, map);
    count += 1;
  }
  return count;
}

const targets = process.argv.slice(2);
// Services are the apps with an entry point; test-only projects (*-e2e) are not built.
const services = async () => {
  const names = await readdir(path.join(root, 'apps'));
  const withMain = await Promise.all(names.map(async (a) => ((await readdir(path.join(root, 'apps', a, 'src'))).includes('main.ts') ? `apps/${a}` : null)));
  return withMain.filter(Boolean);
};
const apps = targets.length > 0 ? targets : await services();
const trees = [...apps.map((a) => `${a}/src`), 'libs'];
let total = 0;
for (const tree of trees) total += await compileTree(tree);
// Files a service reads at run time (message templates) sit beside src/ and go along as they are.
const assets = [];
for (const app of apps) {
  const from = path.join(root, app, 'templates');
  if (!(await stat(from).catch(() => null))) continue;
  await cp(from, path.join(root, 'dist', app, 'templates'), { recursive: true });
  assets.push(`${app}/templates`);
}
if (assets.length > 0) console.log(`build: copied ${assets.join(', ')}`);
// A web page (apps/<app>/web) is bundled by Vite into dist/apps/<app>/web, beside its server.
for (const app of apps) {
  const config = path.join(root, app, 'web', 'vite.config.mts');
  if (!(await stat(config).catch(() => null))) continue;
  const { build } = await import('vite');
  await build({ configFile: config, logLevel: 'warn' });
  console.log(`build: bundled ${app}/web`);
}
console.log(`build: ${total} files from ${trees.join(', ')} into dist/`);
