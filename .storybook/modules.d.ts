declare module 'virtual:jd-manifest' {
  /** The custom-elements manifest of elements/ (see .storybook/main.ts). */
  const manifest: unknown;
  export default manifest;
}

declare module '@custom-elements-manifest/analyzer/cli.js' {
  /** The `cem` command; with noWrite it returns the manifest instead of writing it. */
  export function cli(options: { argv: string[]; cwd: string; noWrite?: boolean }): Promise<unknown>;
}
