/**
 * Deterministic prose for synthetic catalogs: a seeded PRNG (pure-rand) over a
 * course-like vocabulary, so every benchmark run builds exactly the same bytes
 * and page weight and search figures are comparable between runs.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const NOUNS = [
  'network',
  'neuron',
  'layer',
  'weight',
  'bias',
  'gradient',
  'function',
  'matrix',
  'vector',
  'tensor',
  'derivative',
  'activation',
  'input',
  'output',
  'signal',
  'parameter',
  'model',
  'dataset',
  'example',
  'label',
  'loss',
  'cost',
  'error',
  'step',
  'rate',
  'batch',
  'epoch',
  'sample',
  'feature',
  'prediction',
  'probability',
  'distribution',
  'variable',
  'equation',
  'product',
  'sum',
  'space',
  'basis',
  'dimension',
  'eigenvalue',
  'eigenvector',
  'transformation',
  'rotation',
  'projection',
  'determinant',
  'inverse',
  'limit',
  'integral',
  'slope',
  'curve',
  'point',
  'surface',
  'minimum',
  'maximum',
  'optimizer',
  'algorithm',
  'proof',
  'theorem',
  'intuition',
  'picture',
  'digit',
  'image',
  'pixel',
  'kernel',
  'filter',
  'sequence',
  'token',
  'embedding',
  'attention',
  'head',
  'chain',
  'rule',
  'graph',
  'node',
  'edge',
  'path',
  'value',
  'number',
  'coordinate',
  'axis',
];
const ADJECTIVES = [
  'linear',
  'nonlinear',
  'hidden',
  'final',
  'first',
  'small',
  'large',
  'random',
  'average',
  'negative',
  'positive',
  'simple',
  'deep',
  'shallow',
  'smooth',
  'steep',
  'local',
  'global',
  'sparse',
  'dense',
  'orthogonal',
  'symmetric',
  'square',
  'partial',
  'total',
  'expected',
  'useful',
  'careful',
  'common',
  'famous',
];
const VERBS = [
  'changes',
  'moves',
  'adjusts',
  'measures',
  'computes',
  'describes',
  'predicts',
  'encodes',
  'maps',
  'scales',
  'rotates',
  'projects',
  'updates',
  'minimizes',
  'reduces',
  'increases',
  'combines',
  'represents',
  'explains',
  'follows',
  'depends on',
  'points toward',
  'stretches',
  'squishes',
  'feeds into',
  'flows through',
  'approximates',
  'connects',
];
const OPENERS = [
  'In practice,',
  'Notice that',
  'Remember that',
  'Intuitively,',
  'As a result,',
  'For this reason,',
  'Put simply,',
  'In the next step,',
  'Geometrically,',
  'By contrast,',
  'More precisely,',
  'Here',
];
const TOPICS = [
  'Gradient descent',
  'Backpropagation',
  'Linear transformations',
  'Eigenvectors',
  'Neural networks',
  'Dot products',
  'Cross products',
  'Change of basis',
  'Determinants',
  'Matrix multiplication',
  'The chain rule',
  'Cost functions',
  'Activation functions',
  'Convolutions',
  'Attention',
  'Word embeddings',
  'Probability',
  'Derivatives',
  'Integrals',
  'Limits',
];

/** A seeded source of words, sentences and paragraphs. */
export class SyntheticText {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** An integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)]!;
  }

  /** Draws from the start of a list more often, like word frequencies in real text. */
  private skewed<T>(list: readonly T[]): T {
    const a = this.int(0, list.length - 1);
    const b = this.int(0, list.length - 1);
    return list[Math.min(a, b)]!;
  }

  noun(): string {
    return this.skewed(NOUNS);
  }

  /** An 11-character YouTube-like id; `index` makes it unique within a catalog. */
  youtubeId(index: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    const prefix = index.toString(36).padStart(5, '0');
    let id = 'b' + prefix;
    while (id.length < 11) id += alphabet[this.int(0, alphabet.length - 1)];
    return id;
  }

  sentence(): string {
    const shape = this.int(0, 3);
    const np = () => `the ${this.pick(ADJECTIVES)} ${this.noun()}`;
    let s: string;
    if (shape === 0) s = `${this.pick(OPENERS)} ${np()} ${this.pick(VERBS)} ${np()}`;
    else if (shape === 1) s = `Each ${this.noun()} ${this.pick(VERBS)} ${np()} of every ${this.noun()}`;
    else if (shape === 2) s = `${capitalize(np())} ${this.pick(VERBS)} ${np()} when ${np()} ${this.pick(VERBS)} ${np()}`;
    else s = `${this.pick(OPENERS)} a ${this.pick(ADJECTIVES)} ${this.noun()} is just a ${this.noun()} that ${this.pick(VERBS)} ${np()}`;
    return `${capitalize(s)}.`;
  }

  paragraph(sentences = this.int(3, 6)): string {
    return Array.from({ length: sentences }, () => this.sentence()).join(' ');
  }

  /** A title like "Gradient descent and the hidden layer". */
  title(): string {
    return `${this.pick(TOPICS)} and the ${this.pick(ADJECTIVES)} ${this.noun()}`;
  }

  /** A short phrase (3-6 words) for quiz choices and key terms. */
  phrase(): string {
    return `${this.pick(ADJECTIVES)} ${this.noun()} ${this.pick(VERBS)} ${this.noun()}`;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
