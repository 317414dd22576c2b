/** The transcript's server markup (src/islands/video/transcript-html.ts), which transcript-dom.ts reads back. */
import { describe, expect, it } from 'vitest';
import { transcriptLinesHtml } from '../../../src/islands/video/transcript-html.ts';

describe('transcript lines as HTML', () => {
  it('heads an untitled block with its time, which its first line then leaves out', () => {
    const html = transcriptLinesHtml([
      {
        startMs: 64_000,
        lines: [
          { startMs: 64_500, text: 'First line' },
          { startMs: 70_000, text: 'Second line' },
        ],
      },
    ]);
    expect(html).toBe(
      '<section class="transcript-block" data-block-ms="64000"><h3 id="t-64" class="transcript-time">1:04</h3><ol>' +
        '<li><span id="l-64500" data-same-as-heading>1:04</span> First line</li>' +
        '<li><span id="l-70000">1:10</span> Second line</li></ol></section>',
    );
  });

  it('heads a chapter block with its title and keeps every line’s time', () => {
    const html = transcriptLinesHtml([{ startMs: 0, title: 'Intro', lines: [{ startMs: 0, text: 'Hello' }] }]);
    expect(html).toContain('data-block-title="Intro"><h3 id="t-0" class="transcript-time" data-titled>Intro</h3>');
    expect(html).toContain('<li><span id="l-0">0:00</span> Hello</li>');
  });

  it('escapes what a caption or chapter title may hold', () => {
    const html = transcriptLinesHtml([{ startMs: 0, title: 'Fish & "chips" <b>', lines: [{ startMs: 0, text: `<script>alert('x')</script> & "more"` }] }]);
    expect(html).toContain('data-block-title="Fish &amp; &quot;chips&quot; <b>"');
    expect(html).toContain('>Fish &amp; &quot;chips&quot; &lt;b&gt;</h3>');
    expect(html).toContain('</span> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</li>');
    expect(html).not.toContain('<script>');
  });
});
