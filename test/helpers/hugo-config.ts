/** The importer's view of configuration text, for tests of the configuration reader. */
import { interpretConfig } from '../../src/import/hugo-config.js';
import { ConfigParseError, parseConfigText } from '../../src/import/hugo-config-files.js';

/** The configuration a single file gives, as the importer sees it. */
export function configOf(text: string, ext = 'toml', file = `hugo.${ext}`) {
  return interpretConfig({
    data: parseConfigText(text, ext),
    problems: [],
    files: [file],
    texts: new Map([[file, text]]),
  });
}

/** The ConfigParseError that reading `text` throws; fails when it throws nothing or something else. */
export function parseError(text: string, ext: string): ConfigParseError {
  try {
    parseConfigText(text, ext);
  } catch (error) {
    if (error instanceof ConfigParseError) return error;
    throw error;
  }
  throw new Error('expected a ConfigParseError');
}
