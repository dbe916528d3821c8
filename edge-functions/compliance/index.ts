// `compliance`: the compliance rules (domain/compliance) on a job description, as the CLI runs
// them. See handler.ts for the requests and answers.
import { callerClient } from '../_shared/exchange.ts';
import { handleCompliance, readerFor } from './handler.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

Deno.serve((request) =>
  handleCompliance(request, (req) => {
    const supabase = callerClient(req);
    return supabase ? readerFor(supabase) : null;
  }),
);
