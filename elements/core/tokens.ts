// The kit's theme: every colour, font, size and focus value the elements use is a `--jd-*`
// custom property whose default is a GC Design System token, read from @gcds-core/tokens'
// JS build (the maintained successor of @cdssnc/gcds-tokens) rather than copied by hand, so an
// upgrade of the package moves the defaults with it. A portal re-themes the elements by setting
// `--jd-*` on them or on an ancestor. The elements load no font: the portal does (GCDS: Noto
// Sans for text, Lato for headings); without them the system sans-serif is used.
import { unsafeCSS, type CSSResult } from 'lit';
import {
  GcdsAlertDangerBackground,
  GcdsAlertInfoBackground,
  GcdsAlertSuccessBackground,
  GcdsAlertWarningBackground,
  GcdsAlertWarningIcon,
  GcdsBgDark,
  GcdsBgLight,
  GcdsBgWhite,
  GcdsBorderDefault,
  GcdsBorderWidthSm,
  GcdsButtonBorderRadius,
  GcdsButtonBorderWidth,
  GcdsButtonPrimaryDefaultBackground,
  GcdsButtonPrimaryDefaultText,
  GcdsButtonPrimaryHoverBackground,
  GcdsButtonSecondaryHoverBackground,
  GcdsColorBlue100,
  GcdsColorBlue650,
  GcdsColorYellow100,
  GcdsColorYellow150,
  GcdsColorYellow350,
  GcdsColorYellow750,
  GcdsDangerText,
  GcdsDisabledBackground,
  GcdsDisabledText,
  GcdsFocusBorder,
  GcdsFocusText,
  GcdsFontFamiliesBody,
  GcdsFontFamiliesHeading,
  GcdsFontSizesTextSmallMobile,
  GcdsInputBorderRadius,
  GcdsLineHeightsTextSmallMobile,
  GcdsLinkDefault,
  GcdsLinkFocusOutlineOffset,
  GcdsLinkHover,
  GcdsNoticeSuccessText,
  GcdsOutlineWidth,
  GcdsSpacing100,
  GcdsTextLight,
  GcdsTextPrimary,
  GcdsTextSecondary,
} from '@gcds-core/tokens/build/web/js/tokens.js';

export interface ThemeToken {
  /** The public property a portal sets. */
  property: `--jd-${string}`;
  /** The GC Design System token's value: the default. */
  value: string;
}

/**
 * Private alias (what the stylesheets read) → public property and its GCDS default. The
 * aliases resolve once on the host, so a stylesheet never repeats a default.
 */
export const THEME_TOKENS = {
  '--_text': { property: '--jd-color-text', value: GcdsTextPrimary },
  '--_muted': { property: '--jd-color-muted', value: GcdsTextSecondary },
  '--_surface': { property: '--jd-color-surface', value: GcdsBgWhite },
  '--_surface-alt': { property: '--jd-color-surface-alt', value: GcdsBgLight },
  '--_border': { property: '--jd-color-border', value: GcdsBorderDefault },
  '--_primary': { property: '--jd-color-primary', value: GcdsButtonPrimaryDefaultBackground },
  '--_primary-hover': { property: '--jd-color-primary-hover', value: GcdsButtonPrimaryHoverBackground },
  '--_on-primary': { property: '--jd-color-on-primary', value: GcdsButtonPrimaryDefaultText },
  '--_secondary-hover': { property: '--jd-color-secondary-hover', value: GcdsButtonSecondaryHoverBackground },
  '--_focus': { property: '--jd-color-focus', value: GcdsFocusBorder },
  '--_on-focus': { property: '--jd-color-on-focus', value: GcdsFocusText },
  '--_focus-width': { property: '--jd-focus-width', value: GcdsOutlineWidth },
  '--_focus-offset': { property: '--jd-focus-offset', value: GcdsLinkFocusOutlineOffset },
  '--_link': { property: '--jd-color-link', value: GcdsLinkDefault },
  '--_link-hover': { property: '--jd-color-link-hover', value: GcdsLinkHover },
  '--_danger': { property: '--jd-color-danger', value: GcdsDangerText },
  '--_success': { property: '--jd-color-success', value: GcdsNoticeSuccessText },
  '--_notice': { property: '--jd-color-notice', value: GcdsAlertInfoBackground },
  '--_warning': { property: '--jd-color-warning', value: GcdsAlertWarningIcon },
  '--_warning-bg': { property: '--jd-color-warning-background', value: GcdsAlertWarningBackground },
  '--_success-bg': { property: '--jd-color-success-background', value: GcdsAlertSuccessBackground },
  '--_danger-bg': { property: '--jd-color-danger-background', value: GcdsAlertDangerBackground },
  '--_disabled': { property: '--jd-color-disabled', value: GcdsDisabledBackground },
  '--_on-disabled': { property: '--jd-color-on-disabled', value: GcdsDisabledText },
  '--_tooltip': { property: '--jd-color-tooltip', value: GcdsBgDark },
  '--_on-tooltip': { property: '--jd-color-on-tooltip', value: GcdsTextLight },
  '--_paired': { property: '--jd-color-paired', value: GcdsColorYellow100 },
  '--_range': { property: '--jd-color-range', value: GcdsColorBlue100 },
  '--_range-border': { property: '--jd-color-range-border', value: GcdsColorBlue650 },
  '--_comment': { property: '--jd-color-comment', value: GcdsColorYellow150 },
  '--_comment-active': { property: '--jd-color-comment-active', value: GcdsColorYellow350 },
  '--_comment-border': { property: '--jd-color-comment-border', value: GcdsColorYellow750 },
  '--_radius': { property: '--jd-radius', value: GcdsButtonBorderRadius },
  '--_radius-field': { property: '--jd-radius-field', value: GcdsInputBorderRadius },
  '--_border-width': { property: '--jd-border-width', value: GcdsBorderWidthSm },
  '--_control-border-width': { property: '--jd-control-border-width', value: GcdsButtonBorderWidth },
  '--_space': { property: '--jd-space', value: GcdsSpacing100 },
  '--_font': { property: '--jd-font-family', value: GcdsFontFamiliesBody },
  '--_font-heading': { property: '--jd-font-family-heading', value: GcdsFontFamiliesHeading },
  // GCDS's smallest text size (16 px): the elements are a dense editing tool inside a page whose
  // own text is larger; a portal wanting GCDS body text sets --jd-font-size: 1.25rem.
  '--_font-size': { property: '--jd-font-size', value: GcdsFontSizesTextSmallMobile },
  '--_line-height': { property: '--jd-line-height', value: GcdsLineHeightsTextSmallMobile },
} as const satisfies Record<`--_${string}`, ThemeToken>;

export type ThemeAlias = keyof typeof THEME_TOKENS;

/** `:host { --_text: var(--jd-color-text, #333333); … }`, built from the table above. */
export function themeDeclarations(tokens: Record<string, ThemeToken> = THEME_TOKENS): string {
  return Object.entries(tokens)
    .map(([alias, { property, value }]) => `${alias}: var(${property}, ${value});`)
    .join('\n');
}

// The values are the package's constants, never user input: unsafeCSS only turns them into CSS.
export const themeStyles: CSSResult = unsafeCSS(`:host {\n${themeDeclarations()}\n}`);
