import { describe, expect, it } from 'vitest';
import { publicSvgSize, svgSize } from '../../../src/lib/svg-size.ts';

describe('the size a figure reserves for its SVG', () => {
  it('reads width and height from the root element', () => {
    expect(svgSize('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="640px" height=\'330\'><g width="9"/></svg>')).toEqual({
      width: 640,
      height: 330,
    });
  });

  it('takes the proportions from the viewBox when a dimension is missing or relative', () => {
    expect(svgSize('<svg viewBox="0 0 640 360">')).toEqual({ width: 640, height: 360 });
    expect(svgSize('<svg viewBox="0,0,640,360" width="320">')).toEqual({ width: 320, height: 180 });
    expect(svgSize('<svg viewBox="0 0 640 360" width="100%" height="180">')).toEqual({ width: 320, height: 180 });
  });

  it('knows nothing of a file without a usable size', () => {
    expect(svgSize('<svg width="100%" height="100%">')).toBeNull();
    expect(svgSize('<svg viewBox="0 0 0 10">')).toBeNull();
    expect(svgSize('not an image')).toBeNull();
  });

  it("reads the sample site's figures from public/, and nothing for other paths", () => {
    expect(publicSvgSize('/files/neural-networks/network-layers.svg')).toEqual({ width: 640, height: 360 });
    expect(publicSvgSize('/files/neural-networks/missing.svg')).toBeNull();
    expect(publicSvgSize('/files/photo.png')).toBeNull();
    expect(publicSvgSize('https://example.org/figure.svg')).toBeNull();
  });
});
