// An approved job description for the read-only stories: a clone of ESDC's seeded description
// (the stock `create_job_description` RPC) submitted for review by editor@esdc.example and
// approved by reviewer@esdc.example (`submit_for_review`, `decide_approval`, as the editor's
// review panel calls them). Made once per stack and found again by its title afterwards.
import { createClient } from '@supabase/supabase-js';
import { ESDC_DOCUMENT, signInAs, stack, type DemoUser } from './local-stack.js';

const ESDC_ORGANIZATION = 'e5dc0000-0000-4000-a000-000000000001';
const APPROVED_TITLE_EN = 'Program Officer, Grants and Contributions (approved copy)';
const APPROVED_TITLE_FR = 'Agent de programme, subventions et contributions (copie approuvée)';

async function clientAs(email: DemoUser) {
  const token = await signInAs(email);
  return createClient(stack.apiUrl, stack.anonKey, { accessToken: async () => token });
}

/** The approved copy's id: found by its title, or cloned, submitted and approved now. */
export async function approvedDocument(): Promise<string> {
  const editor = await clientAs('editor@esdc.example');
  const existing = await editor.from('job_descriptions').select('id, status').eq('title_en', APPROVED_TITLE_EN).eq('status', 'approved').limit(1);
  if (existing.error) throw new Error(`looking up the approved copy: ${existing.error.message}`);
  if (existing.data[0]) return existing.data[0].id as string;
  const created = await editor.rpc('create_job_description', {
    organization: ESDC_ORGANIZATION,
    kind: 'clone',
    source: ESDC_DOCUMENT,
    identification: { title_en: APPROVED_TITLE_EN, title_fr: APPROVED_TITLE_FR },
  });
  if (created.error) throw new Error(`cloning the seeded document: ${created.error.message}`);
  const id = created.data as string;
  const submitted = await editor.rpc('submit_for_review', { doc: id, note: 'Ready for approval (Storybook).' });
  if (submitted.error) throw new Error(`submitting the copy for review: ${submitted.error.message}`);
  const reviewer = await clientAs('reviewer@esdc.example');
  const approved = await reviewer.rpc('decide_approval', { doc: id, decision: 'approved', comment: 'Approved (Storybook).' });
  if (approved.error) throw new Error(`approving the copy: ${approved.error.message}`);
  return id;
}
