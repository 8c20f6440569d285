import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Graph {
  graph: { nodes: Record<string, { type: string; data: { tags: string[] } }>; dependencies: Record<string, Array<{ target: string }>> };
}

/** What `nx graph` shows: the four services and the shared libs, tagged, with no app depending on an app. */
describe('the Nx project graph', () => {
  const root = path.resolve(__dirname, '../..');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'nx-graph-')), 'graph.json');
  execFileSync(path.join(root, 'node_modules/.bin/nx'), ['graph', `--file=${file}`], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  const { graph } = JSON.parse(readFileSync(file, 'utf8')) as Graph;
  const tagsOf = (name: string) => graph.nodes[name]?.data.tags.filter((t) => !t.startsWith('npm:')) ?? [];

  it.each([
    ['reports', ['scope:reports', 'type:app']],
    ['indicators', ['scope:indicators', 'type:app']],
    ['notifications', ['scope:notifications', 'type:app']],
    ['exports', ['scope:exports', 'type:app']],
    ['dashboard', ['scope:dashboard', 'type:app']],
    ['contracts', ['scope:shared', 'type:contracts']],
    ['domain', ['scope:shared', 'type:domain']],
    ['messaging', ['scope:shared', 'type:data-access']],
    ['platform', ['scope:shared', 'type:util']],
    ['testing', ['scope:shared', 'type:testing']],
  ])('has %s tagged %j', (name, tags) => {
    expect(tagsOf(name).sort()).toEqual([...tags].sort());
  });

  it('sees the services use the shared libs, and no app (the dashboard included) use another', () => {
    const apps = Object.keys(graph.nodes).filter((n) => tagsOf(n).includes('type:app'));
    expect(apps.sort()).toEqual(['dashboard', 'exports', 'indicators', 'notifications', 'reports']);
    for (const app of apps) {
      const targets = (graph.dependencies[app] ?? []).map((d) => d.target).filter((t) => graph.nodes[t]);
      // The dashboard talks to the services over their REST APIs only.
      if (app !== 'dashboard') expect(targets).toEqual(expect.arrayContaining(['contracts', 'messaging', 'platform']));
      expect(targets.filter((t) => apps.includes(t))).toEqual([]);
    }
  });

  it('keeps the domain free of dependencies on other projects', () => {
    expect((graph.dependencies['domain'] ?? []).filter((d) => graph.nodes[d.target])).toEqual([]);
  });
});
