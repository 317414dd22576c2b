/** Defined in astro.config.mjs: true only under `astro dev`. */
declare const __LEARNSPACE_DEV__: boolean;
