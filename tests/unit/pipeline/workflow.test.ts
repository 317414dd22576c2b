// The example CI workflow that processes the library in shards: it parses, and its commands use flags the CLI has.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = join(import.meta.dirname, '../../..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
}

const workflow = parse(readFileSync(join(REPO, '.github/workflows/process-videos.yml'), 'utf8')) as Workflow;

describe('.github/workflows/process-videos.yml', () => {
  it('runs one job per shard with a command the CLI accepts', () => {
    const { process: shardJob } = workflow.jobs;
    const shards = shardJob?.strategy?.matrix.shard ?? [];
    expect(shards).toEqual([1, 2, 3, 4]);
    const step = shardJob?.steps.find((s) => s.run?.includes('videos -- process'));
    expect(step?.run).toContain(`npm run videos -- process --shard \${{ matrix.shard }}/${shards.length}`);
    expect(step?.env?.OPENAI_API_KEY).toBe('${{ secrets.OPENAI_API_KEY }}');
    expect(shardJob?.steps.map((s) => s.run ?? '')).toContain('npm ci');

    const help = spawnSync(process.execPath, [join(REPO, 'scripts/videos.ts'), 'process', '--help'], {
      cwd: REPO,
      encoding: 'utf8',
    }).stdout;
    const flags = [...(step?.run ?? '').matchAll(/--[a-z][a-z-]+/g)].map((m) => m[0]);
    expect(flags).toEqual(expect.arrayContaining(['--shard', '--batch', '--no-wait']));
    for (const flag of flags) expect(help, `videos process has no ${flag}`).toContain(flag);
  });

  it('uploads each shard and merges all of them into one pull request', () => {
    const upload = workflow.jobs.process?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with).toMatchObject({ name: 'generated-${{ matrix.shard }}', path: 'content/generated/' });
    const merge = workflow.jobs['pull-request'];
    expect(merge?.needs).toBe('process');
    expect(merge?.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))?.with).toMatchObject({ pattern: 'generated-*' });
    expect(merge?.steps.some((s) => s.run?.includes('content/generated/'))).toBe(true);
    expect(merge?.steps.filter((s) => s.uses?.startsWith('peter-evans/create-pull-request'))).toHaveLength(1);
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['workflow_dispatch', 'schedule']));
  });
});
