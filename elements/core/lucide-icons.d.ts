// Lucide publishes one ES module per icon (its default export is the icon's IconNode) but types
// only its index, which re-exports all ~2,000 icons: importing the index would make the browser
// tests and any unbundled page fetch every icon. The kit imports the few it shows one by one.
declare module 'lucide/dist/esm/icons/*.mjs' {
  import type { IconNode } from 'lucide';
  const icon: IconNode;
  export default icon;
}
