// AI usage rows for the admin page's tests: what the AI functions would have recorded this month
// (two providers, two members of ESDC), written as the database owner as the functions' service
// role would.
import type { RunningStack } from '../../stack-types.js';

export const ESDC_ORGANIZATION_ID = 'e5dc0000-0000-4000-a000-000000000001';

export async function recordAiUsage(stack: RunningStack): Promise<void> {
  await stack.database.runAsOwner((tx) =>
    tx.query(
      `insert into public.ai_requests (organization_id, user_id, function, provider, model, tokens_in, tokens_out, estimated_cost, outcome, task) values
        ($1, 'e5dc0000-0000-4000-a000-000000000102', 'ai-assist', 'openai', 'gpt-4o-mini', 1200, 800, 0.75, 'success', 'improve'),
        ($1, 'e5dc0000-0000-4000-a000-000000000103', 'ai-assist', 'openai', 'gpt-4o-mini', 300, 200, 0.25, 'success', 'translate'),
        ($1, 'e5dc0000-0000-4000-a000-000000000102', 'ai-assist', 'anthropic', 'claude-sonnet', 2000, 1500, 3.5, 'success', 'improve')`,
      [ESDC_ORGANIZATION_ID],
    ),
  );
}
