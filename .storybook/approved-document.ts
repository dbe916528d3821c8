// An approved job description for the read-only stories: a clone of ESDC's seeded description
// (the stock `create_job_description` RPC) submitted for review by editor@esdc.example and
// approved by reviewer@esdc.example (`submit_for_review`, `decide_approval`, as the editor's
// review panel calls them). Made once per stack and found again by its title afterwards.
import { createClient } from '@supabase/supabase-js';
import { signInAs, stack, type DemoUser } from './local-stack.js';
import { findOrCloneSeeded } from './seeded-copy.js';

const TITLES = {
  title_en: 'Program Officer, Grants and Contributions (approved copy)',
  title_fr: 'Agent de programme, subventions et contributions (copie approuvée)',
};

async function clientAs(email: DemoUser) {
  const token = await signInAs(email);
  return createClient(stack.apiUrl, stack.anonKey, { accessToken: async () => token });
}

/** The approved copy's id: found by its title, or cloned, submitted and approved now. */
export async function approvedDocument(): Promise<string> {
  const editor = await clientAs('editor@esdc.example');
  const { id, created } = await findOrCloneSeeded(editor, TITLES, 'approved');
  if (!created) return id;
  const submitted = await editor.rpc('submit_for_review', { doc: id, note: 'Ready for approval (Storybook).' });
  if (submitted.error) throw new Error(`submitting the copy for review: ${submitted.error.message}`);
  const reviewer = await clientAs('reviewer@esdc.example');
  const approved = await reviewer.rpc('decide_approval', { doc: id, decision: 'approved', comment: 'Approved (Storybook).' });
  if (approved.error) throw new Error(`approving the copy: ${approved.error.message}`);
  return id;
}
