/**
 * A standing connection to the dev server's HMR socket, held from Node for the length of a test.
 *
 * Vite keeps the last error (or full-reload) it had to send while no page was connected and hands it
 * to the next page that connects. A test that closes its tabs and polls the server with fetch makes
 * exactly that happen: an error rendered by a poll just before a fix is saved would then greet the
 * next fresh tab as a stale overlay. With this connection open, Vite always has a listener, so it
 * sends such messages at once instead of keeping them.
 */
export interface HmrConnection {
  /** Messages received so far, parsed. */
  readonly messages: Array<{ type: string }>;
  close(): void;
}

export async function holdHmrConnection(baseURL: string, timeoutMs = 30_000): Promise<HmrConnection> {
  const client = await (await fetch(`${baseURL}/@vite/client`, { signal: AbortSignal.timeout(timeoutMs) })).text();
  const token = /const wsToken = "([^"]*)"/.exec(client)?.[1];
  if (token === undefined) throw new Error('the dev server did not serve a Vite client with a socket token');
  const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/?token=${encodeURIComponent(token)}`, 'vite-hmr');
  const messages: Array<{ type: string }> = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the HMR socket did not say "connected"')), timeoutMs);
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { type: string };
      messages.push(message);
      if (message.type === 'connected') {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error('the HMR socket failed to open'));
    });
  });
  return { messages, close: () => socket.close() };
}
