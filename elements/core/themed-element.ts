import { LitElement } from 'lit';

/**
 * The base of every jd-* element. It only carries the theme's documentation: the `--jd-*`
 * properties below are read by every element (shared.styles.ts), each defaulting to the GC
 * Design System token named in brackets (tokens.ts takes the values from @gcds-core/tokens).
 * Set them on an element or any ancestor to re-theme. The elements load no font: the portal
 * loads Noto Sans and Lato (GCDS), else the system sans-serif is used.
 *
 * @cssproperty --jd-color-text - Text (GCDS text primary).
 * @cssproperty --jd-color-muted - Secondary text: hints, dates, status (GCDS text secondary).
 * @cssproperty --jd-color-surface - Background of panes, forms and secondary buttons (GCDS bg white).
 * @cssproperty --jd-color-surface-alt - Background of pane headings, read-only text, resolved threads (GCDS bg light).
 * @cssproperty --jd-color-border - Borders of panes, panels and threads (GCDS border default).
 * @cssproperty --jd-color-primary - Primary buttons, pressed toolbar buttons, secondary buttons' text and border, accents (GCDS button primary background).
 * @cssproperty --jd-color-primary-hover - Primary and pressed buttons under the pointer (GCDS button primary hover background).
 * @cssproperty --jd-color-on-primary - Text and icons on the primary colour (GCDS button primary text).
 * @cssproperty --jd-color-secondary-hover - Secondary buttons under the pointer (GCDS button secondary hover background).
 * @cssproperty --jd-color-focus - Focus ring, and the background of a focused button or link (GCDS focus border).
 * @cssproperty --jd-color-on-focus - Text and icons of a focused button or link (GCDS focus text).
 * @cssproperty --jd-focus-width - Width of the focus ring (GCDS outline width).
 * @cssproperty --jd-focus-offset - Gap between a control and its focus ring (GCDS link focus outline offset).
 * @cssproperty --jd-color-link - Links in the text and in comments (GCDS link default).
 * @cssproperty --jd-color-link-hover - Links under the pointer (GCDS link hover).
 * @cssproperty --jd-color-danger - Errors, invalid fields, removed-text tags (GCDS danger text).
 * @cssproperty --jd-color-success - Saved and resolved states (GCDS notice success text).
 * @cssproperty --jd-color-notice - Background of notices: read-only, loading, messages (GCDS alert info background).
 * @cssproperty --jd-color-warning - Reconnecting status and the border of the in-review badge (GCDS alert warning icon).
 * @cssproperty --jd-color-warning-background - Background of the in-review badge (GCDS alert warning background).
 * @cssproperty --jd-color-success-background - Background of the approved badge (GCDS alert success background).
 * @cssproperty --jd-color-danger-background - Background of failures and the changes-requested badge (GCDS alert danger background).
 * @cssproperty --jd-color-disabled - Background of disabled buttons (GCDS disabled background).
 * @cssproperty --jd-color-on-disabled - Text and icons of disabled buttons (GCDS disabled text).
 * @cssproperty --jd-color-tooltip - Background of tooltips (GCDS bg dark).
 * @cssproperty --jd-color-on-tooltip - Text of tooltips (GCDS text light).
 * @cssproperty --jd-color-paired - Background of the section paired with the cursor's (GCDS yellow 100).
 * @cssproperty --jd-color-range - Background of decorated ranges (GCDS blue 100).
 * @cssproperty --jd-color-range-border - Underline of decorated ranges (GCDS blue 650).
 * @cssproperty --jd-color-comment - Background of commented text (GCDS yellow 150).
 * @cssproperty --jd-color-comment-active - Commented text of the selected thread, and its marker in the list (GCDS yellow 350).
 * @cssproperty --jd-color-comment-border - Underline of commented text (GCDS yellow 750).
 * @cssproperty --jd-radius - Corners of buttons, panes and panels (GCDS button border radius).
 * @cssproperty --jd-radius-field - Corners of inputs, selects and text areas (GCDS input border radius).
 * @cssproperty --jd-border-width - Borders of panes, panels and threads (GCDS border width sm).
 * @cssproperty --jd-control-border-width - Borders of buttons and fields (GCDS button border width).
 * @cssproperty --jd-space - The spacing unit (GCDS spacing 100).
 * @cssproperty --jd-font-family - Text (GCDS font family body: Noto Sans).
 * @cssproperty --jd-font-family-heading - Headings, legends and summaries (GCDS font family heading: Lato).
 * @cssproperty --jd-font-size - Text size (GCDS font size text small mobile, 1rem: the elements are a dense tool; set 1.25rem for GCDS body text).
 * @cssproperty --jd-line-height - Line height (GCDS line height text small mobile).
 */
export class JdThemedElement extends LitElement {}
