import { JdEditor } from './editor.js';

export { JdEditor };
if (!customElements.get('jd-editor')) customElements.define('jd-editor', JdEditor);

declare global {
  interface HTMLElementTagNameMap {
    'jd-editor': JdEditor;
  }
}
