import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The workspace's lint rules, run on snippets placed in real projects: the boundaries that keep
 * services apart and the domain pure must actually fail the build.
 */
describe('lint rules of the workspace', () => {
  const root = path.resolve(__dirname, '../..');

  // ESLint runs as its own process: its flat config is an ES module, which jest's VM cannot load.
  const lint = async (file: string, code: string) => {
    const run = spawnSync(path.join(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('fails when an app imports another app', async () => {
    const messages = await lint('apps/indicators/src/aggregation/sneaky.service.ts', "import { SubmissionsService } from '../../../reports/src/submissions/submissions.service';\nexport const s = SubmissionsService;\n");
    expect(messages).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  }, 30000);

  it('fails when the domain imports a framework', async () => {
    const messages = await lint('libs/domain/src/periods/sneaky.ts', "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n");
    expect(messages).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "@nestjs\/common"/)]);
  }, 30000);

  it('fails when a shared lib imports an app’s code', async () => {
    const messages = await lint('libs/messaging/src/sneaky.ts', "import { AppModule } from '../../../apps/reports/src/app.module';\nexport const m = AppModule;\n");
    expect(messages).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  }, 30000);

  it('accepts an app using the shared libs through their aliases', async () => {
    const messages = await lint('apps/indicators/src/aggregation/fine.ts', "import { aggregateValue } from '@dtp/domain';\nexport const f = aggregateValue;\n");
    expect(messages).toEqual([]);
  }, 30000);

  it('fails on a file name that is not kebab-case', async () => {
    const messages = await lint('apps/reports/src/submissions/SubmissionHelper.ts', 'export const x = 1;\n');
    expect(messages).toEqual(['local/kebab-case-file-names: File name "SubmissionHelper.ts" is not kebab-case (<name>.<kind>.ts).']);
  }, 30000);
});
