// Every story: the manifest for docs and controls (@wc-toolkit/storybook-helpers reads it
// too), and axe in the Accessibility panel.
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import manifest from 'virtual:jd-manifest';

setCustomElementsManifest(manifest);
setStorybookHelpersConfig({ hideArgRef: true });

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // Violations are listed in the panel; the Accessibility stories raise the level to 'error'
    // for a test runner that reads it (Storybook's Vitest addon).
    a11y: { test: 'todo' },
  },
  tags: ['autodocs'],
};

export default preview;
