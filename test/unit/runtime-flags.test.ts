/** `npm start`, the Docker image and the measuring tools run the server with the same Node flags. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../src/runtime.js';

const read = (file: string) => fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('how the production server is started', () => {
  it('when npm start runs, then it passes every flag and variable of src/runtime.ts', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start ?? '';
    const env = Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ');
    expect(start).toContain(`${env} node ${SERVER_NODE_ARGS.join(' ')} dist/src/server.js`);
  });

  it('when the Docker image starts, then its command and environment are the same', () => {
    const dockerfile = read('Dockerfile');
    const cmd = JSON.stringify(['node', ...SERVER_NODE_ARGS, 'dist/src/server.js']).replace(/,/g, ', ');
    expect(dockerfile).toContain(`CMD ${cmd}`);
    for (const [k, v] of Object.entries(SERVER_ENV)) expect(dockerfile).toMatch(new RegExp(`^ENV ${k}=${v}$`, 'm'));
  });
});
