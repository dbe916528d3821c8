// The demo portal's own script: talks to the local stack with the real supabase-js, the way a
// department portal would before it drops in the jd-* elements.
import { createClient } from '@supabase/supabase-js';
import stack from 'virtual:jd-stack';

const supabase = createClient(stack.apiUrl, stack.anonKey);
const status = document.querySelector<HTMLElement>('#stack-status')!;
const session = document.querySelector<HTMLElement>('#session')!;

fetch(`${stack.apiUrl}/health`)
  .then((response) => {
    status.textContent = response.ok ? `Ready at ${stack.apiUrl} / Prête` : `Starting (${response.status}) / Démarrage`;
  })
  .catch(() => {
    status.textContent = `Not reachable at ${stack.apiUrl} / Injoignable`;
  });

document.querySelector<HTMLFormElement>('#sign-in')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  const { data, error } = await supabase.auth.signInWithPassword({
    email: String(form.get('email')),
    password: String(form.get('password')),
  });
  session.textContent = error
    ? `Sign-in failed: ${error.message} / Échec de la connexion`
    : `Signed in as ${data.user.email} / Connecté(e) : ${data.user.email}`;
});
