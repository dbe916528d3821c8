// Keyboard shortcuts as people read them: a ProseMirror keymap binding ('Mod-Alt-3',
// 'Shift-Ctrl-8') shown as "Ctrl+Alt+3" (Cmd+Option+3 on a Mac, Ctrl+Maj+8 in French) and as
// the aria-keyshortcuts value. The editor binds and shows the same strings, so a tooltip can
// only name a shortcut the keymap really has.
import { msg } from './i18n.js';
import type { Lang } from '../../domain/sections.js';

/** Whether ProseMirror's `Mod` is ⌘ here: it decides the same way (navigator.platform). */
export function isApplePlatform(platform: string = globalThis.navigator?.platform ?? ''): boolean {
  return /Mac|iP(hone|[oa]d)/.test(platform);
}

type Modifier = 'ctrl' | 'mod' | 'alt' | 'shift';
/** The order modifiers are written in, whatever order the binding lists them. */
const MODIFIER_ORDER: readonly Modifier[] = ['ctrl', 'mod', 'alt', 'shift'];

interface ParsedBinding {
  modifiers: Modifier[];
  key: string;
}

/** 'Shift-Ctrl-8' → modifiers ctrl, shift and key 8. Refuses what ProseMirror would not bind. */
export function parseBinding(binding: string): ParsedBinding {
  // The key itself may be '-' ('Mod--'): split off the last part first.
  const at = binding.lastIndexOf('-', binding.length - 2);
  const key = binding.slice(at + 1);
  const modifiers = new Set<Modifier>();
  for (const part of at < 0 ? [] : binding.slice(0, at).split('-')) {
    const name = ({ ctrl: 'ctrl', control: 'ctrl', c: 'ctrl', mod: 'mod', cmd: 'mod', alt: 'alt', a: 'alt', shift: 'shift', s: 'shift' } as const)[part.toLowerCase()];
    if (!name) throw new Error(`Unknown modifier "${part}" in the key binding "${binding}"`);
    modifiers.add(name);
  }
  if (!key) throw new Error(`The key binding "${binding}" names no key`);
  return { modifiers: MODIFIER_ORDER.filter((m) => modifiers.has(m)), key: key.length === 1 ? key.toUpperCase() : key };
}

/** How the binding reads in a tooltip: "Ctrl+B", "Cmd+B" on Apple devices, "Ctrl+Maj+8" in French. */
export function shortcutLabel(binding: string, lang: Lang, apple = isApplePlatform()): string {
  const { modifiers, key } = parseBinding(binding);
  const names = modifiers.map((m) => {
    if (m === 'mod') return msg(lang, apple ? 'key.cmd' : 'key.ctrl');
    if (m === 'alt') return msg(lang, apple ? 'key.option' : 'key.alt');
    return msg(lang, m === 'ctrl' ? 'key.ctrl' : 'key.shift');
  });
  // Keys named on the keyboard (French keyboards say Entrée); letters and digits as they are.
  return [...names, key === 'Enter' ? msg(lang, 'key.enter') : key].join('+');
}

/** The binding as an aria-keyshortcuts value ("Control+B", "Meta+B" on Apple devices). */
export function ariaKeyShortcut(binding: string, apple = isApplePlatform()): string {
  const { modifiers, key } = parseBinding(binding);
  const names = { ctrl: 'Control', mod: apple ? 'Meta' : 'Control', alt: 'Alt', shift: 'Shift' } as const;
  return [...modifiers.map((m) => names[m]), key].join('+');
}

/** "Bold (Ctrl+B)": a control's name and, when it has one, its shortcut. */
export function withShortcut(label: string, binding: string | undefined, lang: Lang, apple = isApplePlatform()): string {
  return binding ? msg(lang, 'shortcut.withName', { label, shortcut: shortcutLabel(binding, lang, apple) }) : label;
}
