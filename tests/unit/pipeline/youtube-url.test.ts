import { describe, expect, it } from 'vitest';
import { canonicalUrl, parseYoutubeRef } from '../../../scripts/pipeline/youtube-url.ts';

describe('parseYoutubeRef', () => {
  it.each([
    'aircAruvnKk',
    'https://www.youtube.com/watch?v=aircAruvnKk',
    'https://youtube.com/watch?v=aircAruvnKk&t=42s&list=PLZHQObOWTQDNU6R1_67000Dx_ZCJB-3pi',
    'https://www.youtube.com/watch?list=PLZHQObOWTQDNU6R1_67000Dx_ZCJB-3pi&v=aircAruvnKk&index=1',
    'https://youtu.be/aircAruvnKk',
    'https://youtu.be/aircAruvnKk?t=120&si=abc',
    'https://www.youtube.com/shorts/aircAruvnKk',
    'https://www.youtube.com/embed/aircAruvnKk?start=10',
    'https://www.youtube-nocookie.com/embed/aircAruvnKk',
    'https://www.youtube.com/live/aircAruvnKk?feature=share',
    'https://m.youtube.com/watch?v=aircAruvnKk',
    'https://music.youtube.com/watch?v=aircAruvnKk&list=RDAMVM',
    'youtube.com/watch?v=aircAruvnKk',
    'http://www.youtube.com/v/aircAruvnKk',
    '  https://www.youtube.com/watch?v=aircAruvnKk  ',
  ])('accepts %s', (input) => {
    expect(parseYoutubeRef(input)).toEqual({ ok: true, id: 'aircAruvnKk' });
  });

  it.each([
    ['https://vimeo.com/12345', /not on YouTube \(host vimeo.com\)/],
    ['https://www.youtube.com/@3blue1brown', /not a single video/],
    ['https://www.youtube.com/playlist?list=PLZHQObOWTQDNU6R1_67000Dx_ZCJB-3pi', /not a single video/],
    ['https://www.youtube.com/watch?v=short', /has no valid video id/],
    ['https://youtu.be/', /has no valid video id/],
    ['ftp://youtube.com/watch?v=aircAruvnKk', /not a web URL/],
    ['https://notyoutube.com/watch?v=aircAruvnKk', /not on YouTube/],
  ])('rejects %s', (input, why) => {
    const parsed = parseYoutubeRef(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(why);
      expect(parsed.error).toContain('expected a YouTube URL like https://www.youtube.com/watch?v=aircAruvnKk');
    }
  });

  it('builds the canonical watch URL', () => {
    expect(canonicalUrl('aircAruvnKk')).toBe('https://www.youtube.com/watch?v=aircAruvnKk');
  });
});
