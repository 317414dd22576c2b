import { describe, expect, it } from 'vitest';
import { META_DESCRIPTION_LENGTH, metaDescription } from '../../../src/site/site.ts';

// The opening of the committed sample lecture's notes summary (3Blue1Brown, "But what is a neural network?").
const summary =
  'The network starts with a layer of 784 neurons, one for each pixel of the input image. The brightest neuron of the output layer is the network’s choice for which digit this is.';

describe('meta description', () => {
  it('keeps a short description as written, on one line', () => {
    expect(metaDescription('A free course on  linear\nalgebra.')).toBe('A free course on linear algebra.');
  });

  it('cuts a long one at the last whole word that fits and marks the cut', () => {
    const out = metaDescription(summary);
    expect(out.length).toBeLessThanOrEqual(META_DESCRIPTION_LENGTH);
    expect(out).toBe(
      'The network starts with a layer of 784 neurons, one for each pixel of the input image. The brightest neuron of the output layer is the network’s choice for…',
    );
  });

  it('cuts inside a word only when there is no space in the second half', () => {
    const out = metaDescription('x'.repeat(300));
    expect(out).toBe(`${'x'.repeat(META_DESCRIPTION_LENGTH - 1)}…`);
  });
});
