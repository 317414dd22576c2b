/** Browser side of the studio's live channel: the server-sent events of /__studio/api/events, typed. */
import type { StudioEvent } from '../events.ts';
import { STUDIO_API } from './api.ts';

/** Calls `listener` with every studio event until the returned function is called. */
export function subscribeStudioEvents(listener: (event: StudioEvent) => void): () => void {
  const source = new EventSource(`${STUDIO_API}events`);
  const onMessage = (message: MessageEvent<string>) => {
    try {
      listener(JSON.parse(message.data) as StudioEvent);
    } catch {
      // A malformed event is dropped; the next list refresh shows the truth.
    }
  };
  const types: StudioEvent['type'][] = ['status', 'progress', 'run', 'library'];
  for (const type of types) source.addEventListener(type, onMessage);
  return () => source.close();
}
