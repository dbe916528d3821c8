import { JdNotifications } from './notifications.js';

export { JdNotifications };
if (!customElements.get('jd-notifications')) customElements.define('jd-notifications', JdNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'jd-notifications': JdNotifications;
  }
}
