import { JdAlignmentWorkbench } from './workbench.js';

export { JdAlignmentWorkbench };
if (!customElements.get('jd-alignment-workbench')) customElements.define('jd-alignment-workbench', JdAlignmentWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'jd-alignment-workbench': JdAlignmentWorkbench;
  }
}
