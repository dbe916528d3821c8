// `export`: a job description as DOCX or PDF in the TBS layout (issue 17 item 6). See
// handler.ts for the request and the answers.
import { callerClient } from '../_shared/exchange.ts';
import { handleExport, readerFor } from './handler.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

Deno.serve((request) =>
  handleExport(request, (req) => {
    const supabase = callerClient(req);
    return supabase ? readerFor(supabase) : null;
  }),
);
