import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import './define.js';
import { JdSession } from './session.js';
import type { JdSessionChangeEvent, JdSignInErrorEvent } from './events.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { signedInSession, stack, PASSWORD, uniqueCache } from '../core/test-helpers.js';

class ContextProbe extends LitElement {
  @consume({ context: sessionContext, subscribe: true }) session?: JdSessionState;
  seen: (JdSessionState | undefined)[] = [];
  override updated() {
    this.seen.push(this.session);
  }
}
customElements.define('jd-test-context-probe', ContextProbe);

/** An unsigned JWT naming a user: the session only reads claims (the servers verify). */
function fakeToken(sub: string, email: string): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, email, role: 'authenticated', user_metadata: { display_name: email } })}.sig`;
}

describe('<jd-session>', () => {
  it('has defaults and is an instance of JdSession', async () => {
    const el = await fixture<JdSession>(html`<jd-session></jd-session>`);
    expect(el).to.be.instanceOf(JdSession);
    expect(el.supabaseUrl).to.equal('');
    expect(el.syncUrl).to.equal('');
    expect(el.cacheName).to.equal('jd-kit');
    expect(el.accessToken).to.equal(null);
    expect(el.user).to.equal(null);
    expect(el.client).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=form]')).not.to.equal(null);
  });

  it('reflects attributes to properties and back', async () => {
    const el = await fixture<JdSession>(html`<jd-session sync-url="ws://a.example" signaling-url="ws://b.example" allow-anonymous></jd-session>`);
    expect(el.syncUrl).to.equal('ws://a.example');
    expect(el.signalingUrl).to.equal('ws://b.example');
    expect(el.allowAnonymous).to.equal(true);
    el.supabaseUrl = 'http://127.0.0.1:1';
    el.cacheName = 'other';
    await el.updateComplete;
    expect(el.getAttribute('supabase-url')).to.equal('http://127.0.0.1:1');
    expect(el.getAttribute('cache-name')).to.equal('other');
    expect(el.shadowRoot!.textContent).to.contain('Continue as guest');
  });

  it('provides the session to nested elements, and sign-in and sign-out reach them', async () => {
    const { apiUrl, anonKey } = await stack();
    const el = await fixture<JdSession>(html`<jd-session supabase-url=${apiUrl} anon-key=${anonKey} cache-name=${uniqueCache()} .persistSession=${false} sync-url="ws://127.0.0.1:9"
      ><jd-test-context-probe></jd-test-context-probe
    ></jd-session>`);
    const probe = el.querySelector<ContextProbe>('jd-test-context-probe')!;
    await probe.updateComplete;
    expect(probe.session?.client).to.equal(el.client);
    expect(probe.session?.user).to.equal(null);
    expect(probe.session?.syncUrl).to.equal('ws://127.0.0.1:9');

    const form = el.shadowRoot!.querySelector<HTMLFormElement>('[part=form]')!;
    form.querySelector<HTMLInputElement>('input[name=email]')!.value = 'editor@esdc.example';
    form.querySelector<HTMLInputElement>('input[name=password]')!.value = PASSWORD;
    const changed = (oneEvent(el, 'jd-session-change') as Promise<unknown> as Promise<JdSessionChangeEvent>);
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const event = await changed;
    expect(event.user?.email).to.equal('editor@esdc.example');
    expect(event.user?.name).to.equal('Eddie Editor');
    await waitUntil(() => probe.session?.user?.email === 'editor@esdc.example');
    expect(probe.session!.accessToken).to.be.a('string');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=form]')).to.equal(null);

    const { data } = await el.client!.rpc('list_documents');
    const documents: { title_en: string }[] = data ?? [];
    expect(documents.length).to.equal(1);

    const signedOut = (oneEvent(el, 'jd-session-change') as Promise<unknown> as Promise<JdSessionChangeEvent>);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=sign-out]')!.click();
    expect((await signedOut).user).to.equal(null);
    await waitUntil(() => probe.session?.user === null);
    expect(probe.session!.accessToken).to.equal(null);
  });

  it('shows the error of a failed sign-in', async () => {
    const el = await signedInSession(null);
    const failed = (oneEvent(el, 'jd-sign-in-error') as Promise<unknown> as Promise<JdSignInErrorEvent>);
    const user = await el.signIn('editor@esdc.example', 'wrong-password');
    expect(user).to.equal(null);
    expect((await failed).message.length).to.be.greaterThan(0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/Sign-in failed/);
  });

  it('uses a host-provided access token, and a new token reaches nested elements', async () => {
    const { apiUrl, anonKey } = await stack();
    // A real token from the stack, as a portal's SSO would hand over.
    const source = await signedInSession('translator@esdc.example');
    const realToken = source.session!.accessToken!;
    const el = await fixture<JdSession>(html`<jd-session supabase-url=${apiUrl} anon-key=${anonKey} cache-name=${uniqueCache()} .accessToken=${realToken}
      ><jd-test-context-probe></jd-test-context-probe
    ></jd-session>`);
    const probe = el.querySelector<ContextProbe>('jd-test-context-probe')!;
    await probe.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=form]')).to.equal(null);
    expect(probe.session?.user?.email).to.equal('translator@esdc.example');
    expect(probe.session?.accessToken).to.equal(realToken);
    // The client sends the host's token: RLS sees the translator.
    const { data } = await el.client!.rpc('can_open_document', { doc: 'e5dc0000-0000-4000-a000-00000000d001' });
    expect(data).to.equal('edit');

    const changed = (oneEvent(el, 'jd-session-change') as Promise<unknown> as Promise<JdSessionChangeEvent>);
    el.accessToken = fakeToken('11111111-1111-4111-8111-111111111111', 'someone@else.example');
    expect((await changed).user?.email).to.equal('someone@else.example');
    await waitUntil(() => probe.session?.user?.email === 'someone@else.example');
    expect(probe.session?.accessToken).to.equal(el.accessToken);
  });

  it('reference-counts documents: two claims share one Y.Doc, the last release destroys it', async () => {
    const el = await fixture<JdSession>(html`<jd-session cache-name=${uniqueCache()}></jd-session>`);
    const a = el.documents.acquire('doc-1');
    const b = el.documents.acquire('doc-1');
    expect(a.document).to.equal(b.document);
    expect(el.documents.size).to.equal(1);
    let destroyed = false;
    a.document.doc.on('destroy', () => (destroyed = true));
    a.release();
    a.release();
    expect(el.documents.has('doc-1')).to.equal(true);
    expect(destroyed).to.equal(false);
    b.release();
    expect(el.documents.has('doc-1')).to.equal(false);
    expect(destroyed).to.equal(true);
  });

  it('is accessible in English and in French', async () => {
    const en = await fixture<JdSession>(html`<jd-session lang="en" allow-anonymous></jd-session>`);
    expect(en.shadowRoot!.textContent).to.contain('Password');
    await expect(en).to.be.accessible();
    const fr = await fixture<JdSession>(html`<jd-session lang="fr" allow-anonymous></jd-session>`);
    expect(fr.shadowRoot!.textContent).to.contain('Mot de passe');
    await expect(fr).to.be.accessible();
  });

  it('follows the page language when it has none', async () => {
    const wrapper = await fixture(html`<div lang="fr-CA"><jd-session></jd-session></div>`);
    const el = wrapper.querySelector('jd-session')!;
    await el.updateComplete;
    expect(el.uiLang).to.equal('fr');
    expect(el.shadowRoot!.textContent).to.contain('Se connecter');
  });
});
