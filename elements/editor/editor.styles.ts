import { css } from 'lit';
import { tooltipBox } from '../core/tooltip.js';

export const editorStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_pane-min-height: var(--jd-pane-min-height, 20rem);
  }
  /* Layout (issue 12 item 1), decided by the editor's own width (container queries), not the
     window's: one column when narrow (panes stacked, the panel below them); the panes side by
     side from 44rem (a 768 px tablet: about 22rem each); the panel beside them only from 70rem,
     so each pane keeps at least (70rem - panel) / 2 ≈ 24rem. Every track is minmax(0, …) so
     nothing inside (a long French word, a URL, a section skipped by content-visibility) can
     widen a column over its neighbour. */
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
  }
  @container (min-width: 70rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(0, var(--jd-panel-width, 18rem));
    }
  }
  .main {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    /* A side panel taller than the text (the AI panel reviewing a suggestion) must not stretch the
       identification form and the toolbar to fill its height. */
    align-content: start;
    gap: var(--_space);
    min-width: 0;
  }
  [part='notice'] {
    padding: var(--_space) calc(var(--_space) * 2);
    border-left: 6px solid var(--_primary);
    background: var(--_notice);
    margin: 0;
  }
  :host(:state(no-access)) [part='notice'] {
    border-color: var(--_danger);
  }
  [part='identification'] {
    /* Its fields' widths follow the form's own width, wherever a portal puts the editor. */
    container: identification / inline-size;
    display: grid;
    /* A fieldset is as wide as its content by default (min-inline-size: min-content). */
    min-inline-size: 0;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    grid-auto-flow: row dense;
    gap: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 2) calc(var(--_space) * 2);
    margin: 0;
  }
  [part='identification'] legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  @container identification (min-width: 34rem) {
    [part='identification'] .identification-field.wide {
      grid-column: span 2;
    }
  }
  [part='field-problem'] .code {
    white-space: nowrap;
  }
  [part='identification'] .identification-field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
    font-size: 0.9rem;
  }
  [part='identification'] input[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  [part='field-problem'] {
    margin: 0;
    font-size: 0.85rem;
    line-height: 1.35;
  }
  [part='field-problem'].error {
    color: var(--_danger);
  }
  [part='field-problem']:empty {
    display: none;
  }
  /* Fields take their column's width, never their intrinsic one (20 characters), which would
     widen the editor past a 320 px screen at 200 % zoom. */
  [part='identification'] label,
  [part='identification'] .identification-field,
  [part='field'] {
    min-width: 0;
  }
  [part='field'] {
    width: 100%;
  }
  label,
  input,
  select,
  textarea {
    max-width: 100%;
  }
  .sticky {
    position: sticky;
    top: 0;
    z-index: 2;
    display: grid;
    gap: var(--_space);
    padding: 0.25rem 0;
    background: var(--_surface);
    box-shadow: 0 1px 0 var(--_border);
  }
  .sticky > p {
    margin: 0;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  [part='toolbar'] button {
    min-width: 2.25rem;
  }
  [part='link-form'] {
    align-items: end;
    flex-wrap: wrap;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  [part='link-form'] input {
    min-width: min(24rem, 100%);
  }
  [part='link-form'] .error {
    flex-basis: 100%;
    margin: 0;
  }
  [part='status'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    color: var(--_muted);
    font-size: 0.9rem;
  }
  [part='status']::before {
    content: '';
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--_muted);
  }
  :host(:state(saved)) [part='status']::before,
  :host(:state(connected)) [part='status']::before {
    background: var(--_success);
  }
  :host(:state(syncing)) [part='status']::before {
    background: var(--_primary);
  }
  [part='presence'] {
    display: flex;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part='avatar'] {
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    color: var(--_on-primary);
    font-size: 0.8rem;
    font-weight: 700;
  }
  .panes {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  @container (min-width: 44rem) {
    .panes {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  [part~='pane'] {
    display: grid;
    grid-template-rows: auto 1fr;
    /* Never wider than the pane: a section skipped by content-visibility counts as 40em wide
       (its contain-intrinsic-size), which pushed the French text over the side panel. */
    grid-template-columns: minmax(0, 1fr);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }
  [part~='pane'] h2 {
    margin: 0;
    padding: 0.25rem var(--_space);
    font-size: 1rem;
    background: var(--_surface-alt);
    border-bottom: 1px solid var(--_border);
  }
  .ProseMirror {
    min-height: var(--_pane-min-height);
    padding: var(--_space) calc(var(--_space) * 2);
    outline: none;
    white-space: pre-wrap;
    word-wrap: break-word;
    line-height: 1.5;
  }
  .ProseMirror:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: calc(-1 * var(--_focus-width));
    box-shadow: none;
  }
  :host(:state(read-only)) .ProseMirror {
    background: var(--_surface-alt);
  }
  .ProseMirror section {
    padding: 0.25rem 0.5rem;
    margin: 0.25rem -0.5rem;
    border-radius: var(--_radius);
  }
  /* Sections out of view are neither laid out nor painted: Chromium's native editing
     (text insertion, selection) otherwise walks the whole 40-page editable on every keystroke,
     which measured about twice the typing latency (npm run bench:editor). "auto" keeps each
     section's last rendered height so the scrollbar stays steady; the clip margin leaves room
     for remote-cursor name labels above a section's first line (content-visibility implies
     paint containment). */
  .ProseMirror > section {
    content-visibility: auto;
    contain-intrinsic-size: auto 40em;
    overflow-clip-margin: 1.5em;
  }
  .ProseMirror section.jd-paired {
    background: var(--_paired);
    box-shadow: inset 4px 0 0 var(--_primary);
  }
  .ProseMirror h2 {
    font-size: 1.2rem;
    margin: 0.5rem 0 0.25rem;
  }
  .ProseMirror h3,
  .ProseMirror h4 {
    font-size: 1.05rem;
    margin: 0.5rem 0 0.25rem;
  }
  .ProseMirror p {
    margin: 0 0 0.5rem;
  }
  .ProseMirror a {
    color: var(--_link);
  }
  .jd-range {
    background: var(--_range);
    border-bottom: 2px solid var(--_range-border);
  }
  .jd-range-finding {
    border-bottom-color: var(--_danger);
  }
  .jd-range-comment {
    background: var(--_comment);
    border-bottom-color: var(--_comment-border);
  }
  .jd-range-comment-active {
    background: var(--_comment-active);
    border-bottom: 3px solid var(--_comment-border);
  }
  /* Glossary terms of the paragraph under the caret (glossary-controller.ts): approved dotted,
     forbidden wavy with a "!" marker (shape, not colour alone). */
  .jd-gloss {
    text-decoration-line: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 0.2em;
  }
  .jd-gloss-approved {
    text-decoration-style: dotted;
    text-decoration-color: var(--_link);
  }
  .jd-gloss-forbidden {
    text-decoration-style: wavy;
    text-decoration-color: var(--_danger);
  }
  .jd-gloss-forbidden::before {
    content: '!' / '';
    font-weight: 700;
    color: var(--_danger);
    margin-inline-end: 0.1em;
  }
  .jd-gloss-tip {
    position: fixed;
    z-index: 10;
    ${tooltipBox}
    pointer-events: none;
  }
  .ProseMirror-yjs-cursor {
    position: relative;
    margin-left: -1px;
    margin-right: -1px;
    border-left: 2px solid;
    word-break: normal;
    pointer-events: none;
  }
  .jd-cursor-label {
    position: absolute;
    top: -1.3em;
    left: -2px;
    font-size: 0.75rem;
    line-height: 1.2;
    font-weight: 600;
    color: var(--_on-primary);
    padding: 0 0.25rem;
    border-radius: 3px 3px 3px 0;
    white-space: nowrap;
    user-select: none;
  }
  /* The panel: below the panes, its parts share the width in columns of at least 18rem; beside
     the panes (from 70rem), one column. */
  .side {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
    gap: var(--_space);
    align-content: start;
    align-items: start;
    min-width: 0;
  }
  @container (min-width: 70rem) {
    .side {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  /* The slotted panel (comments, later tools) takes a whole row of the panel. */
  .side ::slotted(*) {
    grid-column: 1 / -1;
    min-width: 0;
  }
  [part='versions'],
  [part='workflow'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  [part='versions'] summary,
  [part='workflow'] h2 {
    font-weight: 700;
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  [part='versions'] ul {
    list-style: none;
    padding: 0;
    margin: 0.5rem 0 0;
    display: grid;
    gap: 0.5rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    align-items: end;
  }
  [part='version-view'] {
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  [part='version-view'] .panes > div {
    border: 1px solid var(--_border);
    padding: var(--_space);
    background: var(--_surface-alt);
  }
  .error {
    color: var(--_danger);
  }
  [part='workflow'] p {
    margin: 0 0 0.5rem;
  }
  [part='decision'] blockquote {
    margin: 0 0 0.5rem;
    padding: 0.25rem 0.5rem;
    border-left: 4px solid var(--_border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9rem;
  }
`;
