// `notify-email`: notifications by e-mail for those who opted in. See handler.ts.
import { createClient } from 'npm:@supabase/supabase-js@2.109.0';
import { preflightResponse } from '../_shared/cors.ts';
import { handleNotifyEmail } from './handler.ts';
import { smtpSender } from './sender.ts';

declare const Deno: {
  serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  env: { get(key: string): string | undefined };
};

Deno.serve(async (request) => {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  try {
    return await handleNotifyEmail(request, {
      env: Deno.env,
      serviceClient: () =>
        createClient(Deno.env.get('SUPABASE_URL') ?? '', Deno.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? '', {
          auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        }),
      senderFor: smtpSender,
    });
  } catch (error) {
    console.error(error);
    return Response.json({ error: `notify-email failed: ${(error as Error).message}` }, { status: 500 });
  }
});
