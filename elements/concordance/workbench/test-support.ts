// Shared by the workbench's browser tests (not shipped): a <jd-concordance> on its Alignment tab,
// signed in on the stack, and a pasted EN/FR text the aligner gets wrong in two places.
import { waitUntil } from '@open-wc/testing';
import '../define.js';
import type { JdConcordance } from '../concordance.js';
import type { JdAlignmentWorkbench } from './workbench.js';
import type { JdSession } from '../../session/session.js';
import type { Lang } from '../../../domain/sections.js';
import { signedInSession, uniqueCache } from '../../core/test-helpers.js';

/**
 * One paragraph each, no paragraph marks to help. The aligner pairs "Plans … Works in an office."
 * with "Planifie …" (a 2-1 that should be 1-1, and the office sentence belongs with the travel
 * one: a 2-1 that came out as 1-1 + 1-0 shifted), and "Other duties as assigned. Prepares …"
 * with "Prépare …" (a 2-1 that should be 1-0 + 1-1: the French leaves "other duties" out).
 */
export const WRONG_EN =
  'Plans the work of the unit. Works in an office. Occasional travel to regional offices across the country is required. Supervises three employees. Other duties as assigned. Prepares briefing notes for senior management.';
export const WRONG_FR = "Planifie le travail de l'unité. Travail de bureau avec déplacements. Supervise trois employés. Prépare des notes d'information pour la haute direction.";

export interface Bench {
  session: JdSession;
  panel: JdConcordance;
  bench: JdAlignmentWorkbench;
}

/** The translator's panel on its Alignment tab; `width`: the panel's CSS width. */
export async function openBench(email: string, options: { lang?: Lang; width?: string } = {}): Promise<Bench> {
  const session = await signedInSession(email, { cacheName: uniqueCache('align'), lang: options.lang ?? 'en' });
  const panel = document.createElement('jd-concordance');
  panel.view = 'alignment';
  if (options.width) panel.style.width = options.width;
  session.append(panel);
  await waitUntil(() => panel.shadowRoot?.querySelector('jd-alignment-workbench')?.shadowRoot?.querySelector('[part=base]'), 'workbench shown', { timeout: 8000 });
  const bench = panel.shadowRoot!.querySelector('jd-alignment-workbench')!;
  return { session, panel, bench };
}

/** Runs `test` on a bench of its own (see openBench) and closes the page afterwards. */
export async function withBench(email: string, test: (bench: Bench) => Promise<void>, options: { lang?: Lang; width?: string } = {}): Promise<void> {
  const opened = await openBench(email, options);
  try {
    await test(opened);
  } finally {
    opened.session.remove();
  }
}

/** Pastes two texts, aligns and saves them, and waits for the pairs. */
export async function alignPasted(bench: JdAlignmentWorkbench, en: string, fr: string): Promise<void> {
  await bench.alignTexts(en, fr);
  if (bench.work.failure) throw new Error(bench.work.failure);
  await bench.updateComplete;
}

/** Each pair as [English sentences, French sentences]. */
export const shape = (bench: JdAlignmentWorkbench) => bench.pairs.map((pair) => [pair.en, pair.fr]);

/** The pair rows on screen, in the order shown. */
export const rows = (bench: JdAlignmentWorkbench) => Array.from(bench.shadowRoot!.querySelectorAll<HTMLLIElement>('[part~=pair]'));
