import { css } from 'lit';

export const notificationsStyles = css`
  :host {
    display: inline-block;
    vertical-align: top;
  }
  /* The list hangs from the bell, however tall a flex or grid parent stretches the host. */
  .wrap {
    position: relative;
  }
  [part~='bell'] {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 2.75rem;
    min-height: 2.75rem;
  }
  [part~='count'] {
    position: absolute;
    inset-block-start: -0.4rem;
    inset-inline-end: -0.4rem;
    min-width: 1.4rem;
    padding: 0 0.3rem;
    border-radius: 0.7rem;
    background: var(--_danger);
    color: #fff;
    font-size: 0.8rem;
    font-weight: 700;
    line-height: 1.4rem;
    text-align: center;
  }
  [part~='panel'] {
    position: absolute;
    inset-inline-end: 0;
    inset-block-start: calc(100% + var(--_space) / 2);
    /* Set by the element when the panel would leave the viewport (keepPanelInView). */
    translate: var(--_shift, 0) 0;
    z-index: 10;
    box-sizing: border-box;
    width: min(26rem, calc(100vw - 2 * var(--_space)));
    max-height: 70vh;
    overflow: auto;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 12px rgb(0 0 0 / 20%);
    text-align: start;
  }
  [part~='panel'][hidden] {
    display: none;
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    flex-wrap: wrap;
    margin-block-end: var(--_space);
  }
  h2 {
    font-size: 1.125rem;
    margin: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  li {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    justify-content: space-between;
    padding: calc(var(--_space) / 2);
    border-radius: var(--_radius);
  }
  li[part~='unread'] {
    background: var(--_notice);
  }
  .text {
    display: grid;
    gap: 0.15rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .dot {
    display: inline-block;
    margin-inline-end: 0.35rem;
    vertical-align: middle;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--_primary);
  }
  li[part~='unread'] a {
    font-weight: 700;
  }
  .excerpt,
  time {
    color: var(--_muted);
    font-size: 0.9em;
  }
  [part~='mark-read'] {
    flex: none;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
  [part~='error'] {
    color: var(--_danger);
    margin: 0 0 var(--_space);
  }
`;
