// <jd-session> and <jd-editor> mounted by React 19 (react-dom), the way a React portal uses them:
// attributes and properties from props, the kit's events through `on<event-name>` props.
import { expect, waitUntil } from '@open-wc/testing';
import '../session/define.js';
import './define.js';
import type { JdEditor } from './editor.js';
import type { JdSession } from '../session/session.js';
import type { JdStatusChangeEvent, JdAccessChangeEvent } from './events.js';
import { stack, PASSWORD, ESDC_DOC, uniqueCache } from '../core/test-helpers.js';

type ReactModule = typeof import('react');
type ReactDomClient = typeof import('react-dom/client');

/**
 * React ships CommonJS only and the test runner serves ES modules (its config has no CommonJS
 * plugin), so the test loads React's own development builds with a minimal CommonJS loader.
 */
async function loadReact(): Promise<{ React: ReactModule; ReactDOM: ReactDomClient }> {
  const files: Record<string, string> = {
    react: '/node_modules/react/cjs/react.development.js',
    scheduler: '/node_modules/scheduler/cjs/scheduler.development.js',
    'react-dom': '/node_modules/react-dom/cjs/react-dom.development.js',
    'react-dom/client': '/node_modules/react-dom/cjs/react-dom-client.development.js',
  };
  const sources = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([name, url]) => [name, await (await fetch(url)).text()])));
  const cache = new Map<string, unknown>();
  const process = { env: { NODE_ENV: 'development' } };
  const require = (name: string): unknown => {
    if (cache.has(name)) return cache.get(name);
    const source = sources[name];
    if (source === undefined) throw new Error(`no module ${name}`);
    const module = { exports: {} as unknown };
    cache.set(name, module.exports);
    new Function('module', 'exports', 'require', 'process', source)(module, module.exports, require, process);
    cache.set(name, module.exports);
    return module.exports;
  };
  return { React: require('react') as ReactModule, ReactDOM: require('react-dom/client') as ReactDomClient };
}

describe('<jd-editor> in a React page', () => {
  it('takes props as attributes/properties and reports events to React handlers', async () => {
    const { React, ReactDOM } = await loadReact();
    const { apiUrl, anonKey } = await stack();
    const container = document.createElement('div');
    document.body.append(container);
    const root = ReactDOM.createRoot(container);
    const statuses: string[] = [];
    const accesses: string[] = [];
    const cacheName = uniqueCache('react');
    try {
      const App = ({ documentId, lang }: { documentId: string; lang: string }) =>
        React.createElement(
          'jd-session',
          { 'supabase-url': apiUrl, 'anon-key': anonKey, 'cache-name': cacheName, lang, persistSession: false, broadcastChannel: false },
          React.createElement('jd-editor', {
            'document-id': documentId,
            'onjd-status-change': (e: JdStatusChangeEvent) => statuses.push(e.status),
            'onjd-access-change': (e: JdAccessChangeEvent) => accesses.push(e.access),
          }),
        );
      root.render(React.createElement(App, { documentId: ESDC_DOC, lang: 'en' }));
      await waitUntil(() => container.querySelector('jd-editor'), 'React rendered the elements');
      const session = container.querySelector('jd-session') as JdSession;
      const editor = container.querySelector('jd-editor') as JdEditor;
      expect(session.persistSession).to.equal(false);
      expect(session.broadcastChannel).to.equal(false);
      expect(session.supabaseUrl).to.equal(apiUrl);
      expect(editor.documentId).to.equal(ESDC_DOC);
      await session.signIn('editor@esdc.example', PASSWORD);
      await waitUntil(() => editor.getView('en'), 'editor open', { timeout: 8000 });
      expect(accesses).to.deep.equal(['edit']);
      expect(statuses).to.include('offline');
      // A React re-render with a new prop reaches the element.
      root.render(React.createElement(App, { documentId: ESDC_DOC, lang: 'fr' }));
      await waitUntil(() => editor.shadowRoot!.textContent!.includes('Identification du poste'), 'French interface');
      expect(session.uiLang).to.equal('fr');
    } finally {
      root.unmount();
      container.remove();
    }
  });
});
