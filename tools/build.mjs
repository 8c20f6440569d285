// Transpiles an app and the libs it uses into dist/ with SWC: decorator metadata for Nest's
// dependency injection, and the @dtp/* path aliases rewritten to relative requires, so the
// output runs on plain Node without a loader. Type checking is a separate step (npm run typecheck).
import { transformFile } from '@swc/core';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

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

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside each text file of
 * a built page above 1 KB, so its server sends them as they are and never compresses per request.
 * A sibling that would not be smaller is not written (the server then sends the file itself).
 */
async function precompress(dir, minBytes = 1024) {
  const sizes = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if (!/\.(js|css|html|svg|json)$/.test(name) || !(await stat(file)).isFile()) continue;
    const raw = await readFile(file);
    if (raw.length < minBytes) continue;
    const br = await promisify(brotliCompress)(raw, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = await promisify(gzip)(raw, { level: 9 });
    if (br.length < raw.length) await writeFile(`${file}.br`, br);
    if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
    sizes[name] = { raw: raw.length, gzip: gz.length, br: br.length };
  }
  return sizes;
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
  const sizes = await precompress(path.join(root, 'dist', app, 'web'));
  const listed = Object.entries(sizes).map(([name, s]) => `${name} ${s.raw}/${s.gzip}/${s.br}`);
  console.log(`build: bundled ${app}/web; precompressed (bytes raw/gzip/br): ${listed.join(', ') || 'nothing'}`);
}
console.log(`build: ${total} files from ${trees.join(', ')} into dist/`);
