import {
  Button,
  createTheme,
  NativeSelect,
  NumberInput,
  PasswordInput,
  Select,
  Textarea,
  TextInput,
  type CSSVariablesResolver,
} from '@mantine/core';

const FONT =
  '"Hiragino Kaku Gothic ProN", "Hiragino Sans", "BIZ UDPGothic", Meiryo, "Noto Sans JP", "Noto Sans CJK JP", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Hints go under the field, so fields in a row line up whether or not they have one. */
const inputDefaults: { size: 'md'; inputWrapperOrder: ('label' | 'input' | 'description' | 'error')[] } = {
  size: 'md',
  inputWrapperOrder: ['label', 'input', 'description', 'error'],
};

/**
 * Mantine defaults tuned for WCAG 2.1 AA and a tablet at the garage counter: darker primary and
 * muted colours (contrast ≥ 4.5:1 on white), 16px inputs (no zoom on iPad), 44px touch targets
 * (the heights themselves are set in app.css).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  focusRing: 'auto',
  cursorType: 'pointer',
  respectReducedMotion: true,
  components: {
    Button: Button.extend({ defaultProps: { size: 'md' } }),
    TextInput: TextInput.extend({ defaultProps: inputDefaults }),
    PasswordInput: PasswordInput.extend({ defaultProps: inputDefaults }),
    NativeSelect: NativeSelect.extend({ defaultProps: inputDefaults }),
    Select: Select.extend({ defaultProps: inputDefaults }),
    NumberInput: NumberInput.extend({ defaultProps: inputDefaults }),
    Textarea: Textarea.extend({ defaultProps: inputDefaults }),
  },
});

/** Merged by Mantine over its defaults: only the light-scheme colours that failed contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  return {
    variables: {},
    dark: {},
    light: {
      '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
      '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
      '--mantine-color-error': 'var(--mantine-color-red-9)',
      '--mantine-color-default-border': 'var(--mantine-color-gray-6)',
      // Text on "light" variants (badges, alerts): Mantine's shade 9 is under 4.5:1 for these hues.
      '--mantine-color-green-light-color': '#1e6b30',
      '--mantine-color-orange-light-color': '#9c3a08',
      '--mantine-color-red-light-color': '#a61e1e',
      '--mantine-color-teal-light-color': '#0b6b63',
      '--mantine-color-yellow-light-color': '#6b6b00',
    },
  };
};
