/**
 * The studio's live channel: pipeline runs publish status changes and the progress lines the
 * CLI prints; every open studio page receives them as server-sent events from /__studio/api/events.
 */
import type { ServerResponse } from 'node:http';
import type { VideoStatus } from '../lib/schema.ts';

export type StudioEvent =
  /** A video's status moved (pending → processing → completed | failed), with the redacted error. */
  | { type: 'status'; id: string; status: VideoStatus; error?: string }
  /** A line of the run's output, as the CLI prints it. */
  | { type: 'progress'; line: string }
  /** A run started or finished (`ok` false when it could not run at all). */
  | { type: 'run'; state: 'started' | 'finished'; ids: string[]; ok?: boolean; message?: string }
  /** The library's files changed: pages refresh their list. */
  | { type: 'library' };

export interface StudioEventHub {
  publish(event: StudioEvent): void;
  subscribe(listener: (event: StudioEvent) => void): () => void;
}

export function createEventHub(): StudioEventHub {
  const listeners = new Set<(event: StudioEvent) => void>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Streams the hub's events to one response until the page closes it; a comment every 15 s keeps proxies from closing it. */
export function streamEvents(hub: StudioEventHub, response: ServerResponse): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  response.write('retry: 2000\n\n');
  const unsubscribe = hub.subscribe((event) => response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  response.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
