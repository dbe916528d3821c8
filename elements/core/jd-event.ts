/**
 * The base of the kit's events: they bubble and cross shadow roots, as native UI events do, so
 * a portal hears them on any ancestor of the element. Each event is a subclass with a static
 * `type` and typed readonly fields (declared in `GlobalEventHandlersEventMap`).
 */
export abstract class JdEvent extends Event {
  constructor(type: string, init: { cancelable?: boolean } = {}) {
    super(type, { bubbles: true, composed: true, ...init });
  }
}
