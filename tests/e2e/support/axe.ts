/** Runs axe-core in a page and returns the serious and critical violations, readable in a failure message. */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
  // Evaluated through the DevTools protocol rather than a <script> tag, so the site's Content-Security-Policy does not block it.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
