import { JdConcordance } from './concordance.js';

export { JdConcordance };
if (!customElements.get('jd-concordance')) customElements.define('jd-concordance', JdConcordance);

declare global {
  interface HTMLElementTagNameMap {
    'jd-concordance': JdConcordance;
  }
}
