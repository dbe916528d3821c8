import { JdSession } from './session.js';

export { JdSession };
if (!customElements.get('jd-session')) customElements.define('jd-session', JdSession);

declare global {
  interface HTMLElementTagNameMap {
    'jd-session': JdSession;
  }
}
