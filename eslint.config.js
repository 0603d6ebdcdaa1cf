// Lint exists here mainly to enforce the layer rules of DESIGN.md (as VS Code's code-layering does):
// the build fails when a layer imports something it must not.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

const electronOnlyInShell = { name: 'electron', message: 'Only src-main/electron may import electron.' };
const importsFrom = (folder, message) => ({ group: [`**/${folder}`, `**/${folder}/**`], message });

const layerRules = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'bench-results/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: layerRules([electronOnlyInShell], []),
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-shared/**'],
    rules: {
      ...layerRules(
        [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: 'src-shared is pure TypeScript: no Node modules.' }))],
        [
          { group: ['node:*'], message: 'src-shared is pure TypeScript: no Node modules.' },
          importsFrom('src-main', 'src-shared must not depend on the main process.'),
          importsFrom('src-renderer', 'src-shared must not depend on the renderer.'),
          importsFrom('src-relay', 'src-shared must not depend on the relay.'),
          { group: ['react', 'react-dom', 'react/*', 'zustand'], message: 'src-shared is pure TypeScript: no UI libraries.' },
        ],
      ),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map(
          (name) => ({ name, message: 'src-shared runs everywhere: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: layerRules(
      [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: reach the core through window.rapport.' }))],
      [
        { group: ['node:*'], message: 'The renderer has no Node: reach the core through window.rapport.' },
        importsFrom('src-main', 'The renderer reaches the core only through window.rapport.'),
        importsFrom('src-relay', 'The renderer never imports the relay.'),
      ],
    ),
  },
  {
    files: ['src-relay/**'],
    rules: layerRules([electronOnlyInShell], [importsFrom('src-main', 'The relay never imports src-main.'), importsFrom('src-renderer', 'The relay never imports the renderer.')]),
  },
  {
    files: ['src-main/core/**', 'src-shared/**'],
    rules: { 'no-console': 'error' },
  },
);
