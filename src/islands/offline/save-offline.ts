/**
 * `<ls-save-offline>`: saves a course for offline reading. Registers the Workbox worker
 * (dist/sw.js), then fetches every page of the course into the offline cache, with the
 * same-origin images those pages show; a second button removes the copy again.
 */
import { OFFLINE_CACHE, SERVICE_WORKER_URL } from '../../browser/offline.ts';

/** Same-origin images a page shows (thumbnails, figures), found in its HTML. */
function imagesOf(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<img[^>]*\ssrc="(\/[^"/][^"]*)"/g)) found.add(match[1]!);
  return [...found];
}

class SaveOfflineElement extends HTMLElement {
  private status!: HTMLElement;

  async connectedCallback(): Promise<void> {
    if (!('serviceWorker' in navigator) || !('caches' in window)) return;
    this.hidden = false;
    this.status = this.querySelector<HTMLElement>('[data-status]')!;
    this.querySelector('[data-save]')!.addEventListener('click', () => void this.save());
    this.querySelector('[data-remove]')!.addEventListener('click', () => void this.removeCopy());
    const cache = await caches.open(OFFLINE_CACHE);
    this.showSaved((await cache.match(this.dataset.course!)) !== undefined);
  }

  private showSaved(saved: boolean, message = saved ? 'Saved in this browser: this course opens without a connection (videos still need one).' : ''): void {
    this.dataset.saved = String(saved);
    this.querySelector<HTMLButtonElement>('[data-save]')!.textContent = saved ? 'Update offline copy' : 'Save for offline reading';
    this.querySelector<HTMLElement>('[data-remove]')!.hidden = !saved;
    this.status.textContent = message;
  }

  private async save(): Promise<void> {
    const button = this.querySelector<HTMLButtonElement>('[data-save]')!;
    button.disabled = true;
    try {
      await navigator.serviceWorker.register(SERVICE_WORKER_URL);
      await navigator.serviceWorker.ready;
      const cache = await caches.open(OFFLINE_CACHE);
      const pages = JSON.parse(this.dataset.urls ?? '[]') as string[];
      const images = new Set<string>();
      let done = 0;
      for (const url of pages) {
        this.status.textContent = `Saving page ${++done} of ${pages.length}…`;
        const response = await fetch(url, { cache: 'no-cache' });
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        if (response.headers.get('content-type')?.includes('html')) for (const image of imagesOf(await response.clone().text())) images.add(image);
        await cache.put(url, response);
      }
      this.status.textContent = `Saving ${images.size} images…`;
      await Promise.all([...images].map((url) => cache.add(url).catch(() => undefined)));
      this.showSaved(true);
    } catch {
      this.showSaved(false, 'The course could not be saved: check your connection and that this browser allows storing data, then try again.');
    } finally {
      button.disabled = false;
    }
  }

  private async removeCopy(): Promise<void> {
    const cache = await caches.open(OFFLINE_CACHE);
    for (const url of JSON.parse(this.dataset.urls ?? '[]') as string[]) await cache.delete(url, { ignoreSearch: true });
    this.showSaved(false, 'The offline copy of this course was removed.');
  }
}

if (!customElements.get('ls-save-offline')) customElements.define('ls-save-offline', SaveOfflineElement);
