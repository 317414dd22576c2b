/** The site's settings from the environment, and the paths its messages show for a content folder elsewhere. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteConfig } from '../../../src/lib/site-config.ts';
import { readVideoStatus } from '../../../src/lib/generated-files.ts';

describe('siteConfig', () => {
  it('uses the documented defaults when nothing is set, or a variable is empty', () => {
    const defaults = { site: 'https://learnspace.example', contentDir: 'content', drafts: false, admin: false, astroCacheDir: './node_modules/.astro' };
    expect(siteConfig({})).toEqual(defaults);
    expect(siteConfig({ LEARNSPACE_SITE: '', LEARNSPACE_CONTENT: '', LEARNSPACE_DRAFTS: '' })).toEqual(defaults);
  });

  it('builds the dashboard with drafts, or on its own with LEARNSPACE_ADMIN=1', () => {
    expect(siteConfig({ LEARNSPACE_DRAFTS: '1' })).toMatchObject({ drafts: true, admin: true });
    expect(siteConfig({ LEARNSPACE_ADMIN: '1' })).toMatchObject({ drafts: false, admin: true });
    expect(siteConfig({ LEARNSPACE_DRAFTS: 'yes' })).toMatchObject({ drafts: false, admin: false });
  });
});

describe('messages about generated files', () => {
  const saved = process.env.LEARNSPACE_CONTENT;
  afterEach(() => {
    if (saved === undefined) delete process.env.LEARNSPACE_CONTENT;
    else process.env.LEARNSPACE_CONTENT = saved;
  });

  it('name a file in a content folder outside the project from the content folder, not by ../ or an absolute path', () => {
    const project = mkdtempSync(join(tmpdir(), 'learnspace-project-'));
    const content = join(mkdtempSync(join(tmpdir(), 'learnspace-elsewhere-')), 'content');
    mkdirSync(join(content, 'generated', 'videos', 'aircAruvnKk'), { recursive: true });
    writeFileSync(join(content, 'generated', 'videos', 'aircAruvnKk', 'status.json'), '{"status": 5}');
    process.env.LEARNSPACE_CONTENT = content;
    const status = readVideoStatus('aircAruvnKk', project);
    expect(status.ok).toBe(false);
    expect(!status.ok && status.error).toMatch(/^content\/generated\/videos\/aircAruvnKk\/status\.json: status: /);
  });
});
