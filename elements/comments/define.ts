import { JdComments } from './comments.js';

export { JdComments };
if (!customElements.get('jd-comments')) customElements.define('jd-comments', JdComments);

declare global {
  interface HTMLElementTagNameMap {
    'jd-comments': JdComments;
  }
}
