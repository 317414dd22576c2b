/** One sample URL per page type of the sample site, shared by the site, a11y and JS-weight tests. */
export const pageTypes = {
  catalog: '/',
  course: '/courses/neural-networks/',
  'video item': '/courses/neural-networks/01-what-is-a-network/01-lecture/',
  'legacy chapter video': '/courses/linear-algebra/01-vectors/video/',
  'text item': '/courses/neural-networks/01-what-is-a-network/02-neurons-as-numbers/',
  'quiz item': '/courses/neural-networks/01-what-is-a-network/03-network-anatomy-quiz/',
  'assignment item': '/courses/neural-networks/02-gradient-descent/04-descend-by-hand/',
  'resource item': '/courses/neural-networks/01-what-is-a-network/04-nielsen-chapter-1/',
  'video library': '/videos/',
  'video page': '/videos/aircAruvnKk/',
  progress: '/progress/',
  review: '/review/',
  search: '/search/',
  'not found': '/no-such-page/',
} as const;

export type PageType = keyof typeof pageTypes;
