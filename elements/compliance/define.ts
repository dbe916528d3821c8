import { JdCompliance } from './compliance.js';

export { JdCompliance };
if (!customElements.get('jd-compliance')) customElements.define('jd-compliance', JdCompliance);

declare global {
  interface HTMLElementTagNameMap {
    'jd-compliance': JdCompliance;
  }
}
