import { JdConcordance } from './concordance.js';
import { JdAlignmentWorkbench } from './workbench/workbench.js';

export { JdConcordance, JdAlignmentWorkbench };
if (!customElements.get('jd-concordance')) customElements.define('jd-concordance', JdConcordance);
// The Alignment tab's workbench (issue 14 item 6), usable on its own too.
if (!customElements.get('jd-alignment-workbench')) customElements.define('jd-alignment-workbench', JdAlignmentWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'jd-concordance': JdConcordance;
    'jd-alignment-workbench': JdAlignmentWorkbench;
  }
}
