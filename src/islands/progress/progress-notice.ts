/**
 * Shows storage problems (progress cannot be saved, or saved progress was
 * unreadable) in one banner per page, whichever progress island loads first.
 */
import { $progressNotices, dismissNotice, type NoticeKind } from '../../stores/progress.ts';

const BANNER_ID = 'progress-notice';

function render(notices: Partial<Record<NoticeKind, string>>): void {
  let banner = document.getElementById(BANNER_ID);
  const entries = Object.entries(notices) as [NoticeKind, string][];
  if (entries.length === 0) {
    banner?.remove();
    return;
  }
  if (!banner) {
    banner = document.createElement('div');
    banner.id = BANNER_ID;
    banner.className = 'notice';
    banner.dataset.tone = 'warning';
    banner.setAttribute('role', 'status');
    banner.style.cssText = 'position:fixed;inset:auto 1rem 1rem auto;max-width:28rem;z-index:50;box-shadow:var(--shadow)';
    document.body.append(banner);
  }
  banner.replaceChildren(
    ...entries.map(([kind, message]) => {
      const p = document.createElement('p');
      p.dataset.notice = kind;
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'button';
      close.textContent = 'Dismiss';
      close.style.marginLeft = '0.5rem';
      close.addEventListener('click', () => dismissNotice(kind));
      p.append(message, close);
      return p;
    }),
  );
}

let started = false;
/** Starts showing notices on this page (idempotent). */
export function showProgressNotices(): void {
  if (started) return;
  started = true;
  $progressNotices.subscribe(render);
}
