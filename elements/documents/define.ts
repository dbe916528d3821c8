import { JdDocuments } from './documents.js';

export { JdDocuments };
if (!customElements.get('jd-documents')) customElements.define('jd-documents', JdDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'jd-documents': JdDocuments;
  }
}
