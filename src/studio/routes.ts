/** Every route of the studio's API (/__studio/api/...), by area; the dev server's middleware serves them. */
import { displayPath } from './guard.ts';
import type { StudioEventHub } from './events.ts';
import type { StudioContext, StudioRoute } from './http.ts';
import { videoRoutes, type VideoRouteOptions } from './video-routes.ts';
import { courseRoutes } from './course-routes.ts';

export function studioRoutes(context: StudioContext, hub: StudioEventHub, options: VideoRouteOptions = {}): StudioRoute[] {
  return [
    {
      method: 'GET',
      pattern: 'health',
      handle: async () => ({ status: 200, body: { ok: true, content: displayPath(context.projectRoot, context.contentRoot) } }),
    },
    ...videoRoutes(context, hub, options),
    ...courseRoutes(context),
  ];
}
